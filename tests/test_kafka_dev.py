"""The development broker (scripts/kafka-dev) does what the Kafka backend needs:
idempotent produce, consumer groups, transactions with consumer offsets, and
keeping its data across a crash."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator

import pytest
from kafka import KafkaAdminClient, KafkaConsumer, KafkaProducer, TopicPartition
from kafka.consumer.fetcher import ConsumerRecord
from kafka.structs import OffsetAndMetadata

from tests.kafka_broker import bootstrap, start_broker, stop_broker

pytestmark = pytest.mark.kafka


@pytest.fixture
def broker() -> str:
    address = bootstrap()
    if address is None:
        pytest.skip("ACTIVITY_TRACKER_TEST_KAFKA is not set (start scripts/kafka-dev)")
    return address


@pytest.fixture
def topics(broker: str) -> Iterator[tuple[str, str]]:
    """A fresh input and output topic, 4 partitions each."""
    name = f"test-kafka-dev-{uuid.uuid4().hex[:8]}"
    pair = (name, f"{name}-out")
    with KafkaAdminClient(bootstrap_servers=broker) as admin:
        admin.create_topics(
            {topic: {"num_partitions": 4, "replication_factor": 1} for topic in pair},
            wait_for_metadata=True,
        )
    yield pair
    with KafkaAdminClient(bootstrap_servers=broker) as admin:
        admin.delete_topics(list(pair))


def produce(broker: str, topic: str, count: int) -> None:
    producer = KafkaProducer(
        bootstrap_servers=broker,
        acks="all",
        enable_idempotence=True,
        compression_type="gzip",
        linger_ms=5,
    )
    futures = [
        producer.send(topic, key=f"visitor-{i % 7}".encode(), value=f"{i}".encode())
        for i in range(count)
    ]
    producer.flush(timeout=30)
    for future in futures:
        future.get(timeout=1)
    producer.close()


def group_consumer(broker: str, topic: str, **configs: object) -> KafkaConsumer:
    """A consumer in a fresh group, subscribed once it knows `topic`'s partitions.

    kafka-python 3.0.12 can lose an assignment for good when the group leader
    first joins without the topic's metadata and the rejoin outlasts a poll()
    timeout; fetching the metadata before subscribing avoids that rejoin.
    """
    consumer = KafkaConsumer(
        bootstrap_servers=broker,
        group_id=f"group-{topic}",
        auto_offset_reset="earliest",
        enable_auto_commit=False,
        **configs,
    )
    consumer.partitions_for_topic(topic)
    consumer.subscribe([topic])
    return consumer


def poll_until(consumer: KafkaConsumer, count: int, timeout: float = 30) -> list[ConsumerRecord]:
    records: list[ConsumerRecord] = []
    deadline = time.monotonic() + timeout
    while len(records) < count and time.monotonic() < deadline:
        for batch in consumer.poll(timeout_ms=200).values():
            records.extend(batch)
    return records


def read_all(broker: str, topic: str, isolation_level: str, expect: int) -> list[bytes]:
    """The values in `topic` visible at `isolation_level`, from the beginning:
    polls until `expect` arrived, then half a second more for any extra."""
    consumer = KafkaConsumer(
        bootstrap_servers=broker, isolation_level=isolation_level, enable_auto_commit=False
    )
    consumer.assign([TopicPartition(topic, p) for p in range(4)])
    consumer.seek_to_beginning()
    records = poll_until(consumer, expect)
    records += poll_until(consumer, len(records) + 1, timeout=0.5)
    consumer.close()
    return [record.value for record in records]


def test_idempotent_produce_then_group_consume_keeps_per_key_order(
    broker: str, topics: tuple[str, str]
) -> None:
    source, _ = topics
    produce(broker, source, 200)
    consumer = group_consumer(broker, source)
    records = poll_until(consumer, 200)
    consumer.close()

    assert sorted(int(r.value) for r in records) == list(range(200))
    assert len({r.partition for r in records}) > 1
    for key in {r.key for r in records}:
        values = [int(r.value) for r in records if r.key == key]
        assert values == sorted(values)


def test_transaction_commits_output_and_consumer_offsets_together(
    broker: str, topics: tuple[str, str]
) -> None:
    source, output = topics
    produce(broker, source, 40)
    # read_committed also makes committed() ask for stable offsets (KIP-447).
    consumer = group_consumer(broker, source, isolation_level="read_committed")
    records = poll_until(consumer, 40)
    assert len(records) == 40

    producer = KafkaProducer(bootstrap_servers=broker, transactional_id=f"tx-{source}")
    producer.init_transactions()
    producer.begin_transaction()
    offsets: dict[TopicPartition, OffsetAndMetadata] = {}
    for record in records:
        producer.send(output, key=record.key, value=record.value)
        offsets[TopicPartition(record.topic, record.partition)] = OffsetAndMetadata(
            record.offset + 1, "", -1
        )
    producer.send_offsets_to_transaction(offsets, consumer.group_metadata())
    producer.commit_transaction()

    # An aborted transaction whose records reached the log stays invisible.
    producer.begin_transaction()
    producer.send(output, key=b"visitor-0", value=b"aborted")
    producer.flush()
    producer.abort_transaction()
    producer.close()

    assert {tp: consumer.committed(tp) for tp in offsets} == {
        tp: meta.offset for tp, meta in offsets.items()
    }
    consumer.close()
    assert b"aborted" in read_all(broker, output, "read_uncommitted", 41)
    committed = read_all(broker, output, "read_committed", 40)
    assert sorted(committed) == sorted(r.value for r in records)


@pytest.mark.slow
def test_records_survive_a_broker_crash(broker: str, topics: tuple[str, str]) -> None:
    source, _ = topics
    produce(broker, source, 50)
    stop_broker(kill=True)
    assert start_broker(keep_data=True) == broker
    assert len(read_all(broker, source, "read_uncommitted", 50)) == 50
