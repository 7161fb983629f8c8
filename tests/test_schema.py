"""The v1 wire schema: every limit at its boundary and one past it, normalisation, and properties."""

from __future__ import annotations

import json
import math
from typing import Any

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker_sdk import schema
from tracker_sdk.schema import (
    MAX_BODY_BYTES,
    MAX_EVENTS,
    MAX_FUTURE_MS,
    MAX_PAST_MS,
    MAX_PROP_KEY_LEN,
    MAX_PROP_VALUE_LEN,
    MAX_PROPS,
    MAX_SITE_LEN,
    MAX_URL_LEN,
    Beacon,
    BodyTooLarge,
    EnvelopeError,
    Rejection,
    parse_beacon,
    validate_event,
)

NOW = 1_733_330_000_123
MODEST = settings(max_examples=200, deadline=None)


def event(**fields: Any) -> dict[str, Any]:
    """A valid pageview; a field given as ``None`` is left out."""
    base: dict[str, Any] = {"id": "e1", "type": "pageview", "ts": NOW, "url": "https://example.com/pricing"}
    base.update(fields)
    return {k: v for k, v in base.items() if v is not None}


def body(events: object, site: object = "example.com") -> bytes:
    return orjson.dumps({"site": site, "events": events})


def invalid(raw: object) -> schema._Invalid:
    with pytest.raises(schema._Invalid) as info:
        validate_event(raw, NOW)
    return info.value


def envelope_error(data: bytes) -> EnvelopeError:
    with pytest.raises(EnvelopeError) as info:
        parse_beacon(data, NOW)
    return info.value


# -- the envelope ----------------------------------------------------------------------


def test_a_valid_beacon_is_parsed() -> None:
    beacon = parse_beacon(body([event()]), NOW)
    assert beacon == Beacon("example.com", [event()], [])


def test_body_at_the_size_limit_is_accepted_and_one_byte_more_is_413() -> None:
    data = body([event()])
    padded = data + b" " * (MAX_BODY_BYTES - len(data))  # JSON allows trailing whitespace
    assert len(padded) == MAX_BODY_BYTES
    assert parse_beacon(padded, NOW).events == [event()]
    error = envelope_error(padded + b" ")
    assert isinstance(error, BodyTooLarge)
    assert (error.status, error.field) == (413, "body")
    assert str(MAX_BODY_BYTES) in error.reason


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"not json",
        b"{",
        b'{"site": "example.com", "events": [' + b"\xff\xfe" + b"]}",  # invalid UTF-8
        b'{"site": "ex\xc3ample.com", "events": []}',  # truncated multi-byte sequence
        b'{"site": "example.com", "events": [{"ts": NaN}]}',
        b'{"site": "example.com", "events": [{"ts": Infinity}]}',
        b'{"site": "example.com", "events": [{"ts": -Infinity}]}',
        b'{"site": "example.com", "events": [{"ts": 1e400}]}',  # overflows a double
        b'{"site": "\\ud800", "events": []}',  # lone surrogate escape
        b"[" * 10_000 + b"]" * 10_000,
        b'{"site": "example.com", "events": [{"props": ' + b"[" * 5_000 + b"]" * 5_000 + b"}]}",
    ],
    ids=["empty", "text", "truncated", "bad-utf8", "cut-utf8", "nan", "inf", "-inf", "1e400", "surrogate",
         "deep", "deep-props"],
)
def test_a_body_that_is_not_json_is_refused_naming_the_body(data: bytes) -> None:
    error = envelope_error(data)
    assert (error.status, error.field) == (400, "body")
    assert "JSON" in error.reason


@pytest.mark.parametrize("data", [b"[]", b'"site"', b"1", b"null", b"true", b'[{"site": "example.com"}]'])
def test_a_body_that_is_not_an_object_is_refused(data: bytes) -> None:
    error = envelope_error(data)
    assert (error.status, error.field) == (400, "body")
    assert "object" in error.reason


@pytest.mark.parametrize("site", [None, "", 1, 1.5, True, [], {}, ["example.com"]])
def test_site_must_be_a_non_empty_string(site: object) -> None:
    data = orjson.dumps({"events": [event()]} if site is None else {"site": site, "events": [event()]})
    assert envelope_error(data).field == "site"


@pytest.mark.parametrize(
    "site", ["exa mple.com", "-example.com", "example.com-", "example.com/", "https://example.com", "ex_ample.com",
             "   ", "www.", "example.com:123456", "exämple.com", "example.com\x00"],
)
def test_site_must_be_a_host_name(site: str) -> None:
    error = envelope_error(body([event()], site=site))
    assert (error.status, error.field) == (400, "site")
    assert "host name" in error.reason


def test_site_length_limit() -> None:
    longest = "a" * (MAX_SITE_LEN - 4) + ".com"
    assert parse_beacon(body([event()], site=longest), NOW).site == longest
    assert envelope_error(body([event()], site="a" + longest)).field == "site"


@pytest.mark.parametrize(
    ("sent", "stored"),
    [("Example.COM", "example.com"), ("www.example.com", "example.com"), ("WWW.Example.com", "example.com"),
     (" example.com\n", "example.com"), ("localhost:8000", "localhost:8000"), ("www.www.example.com", "www.example.com"),
     ("blog.example.co.uk", "blog.example.co.uk")],
)
def test_site_is_normalised(sent: str, stored: str) -> None:
    assert parse_beacon(body([event()], site=sent), NOW).site == stored
    assert schema.normalise_site(sent) == stored


@pytest.mark.parametrize("events", [None, "e1", 1, {"id": "e1"}, True])
def test_events_must_be_a_list(events: object) -> None:
    data = orjson.dumps({"site": "example.com"} if events is None else {"site": "example.com", "events": events})
    error = envelope_error(data)
    assert (error.status, error.field) == (400, "events")
    assert "list" in error.reason


def test_events_must_not_be_empty() -> None:
    error = envelope_error(body([]))
    assert (error.field, error.reason) == ("events", "must contain at least one event")


def test_events_per_batch_limit() -> None:
    batch = [event(id=f"e{i}") for i in range(MAX_EVENTS)]
    assert len(parse_beacon(body(batch), NOW).events) == MAX_EVENTS
    error = envelope_error(body(batch + [event(id="one-more")]))
    assert (error.status, error.field) == (400, "events")
    assert f"has {MAX_EVENTS + 1} events" in error.reason and str(MAX_EVENTS) in error.reason


def test_invalid_events_are_reported_by_index_and_the_valid_ones_kept_in_order() -> None:
    batch = [event(id="a"), event(id="b", url=""), "not an event", event(id="c"), event(id="d", ts="soon")]
    beacon = parse_beacon(body(batch), NOW)
    assert [e["id"] for e in beacon.events] == ["a", "c"]
    assert beacon.rejected == [
        Rejection(1, "url", "is required: the page URL"),
        Rejection(2, "event", "must be a JSON object"),
        Rejection(4, "ts", "is required: milliseconds since the Unix epoch, an integer"),
    ]
    assert beacon.rejected[0].as_dict() == {"index": 1, "field": "url", "reason": "is required: the page URL"}


def test_a_batch_of_only_invalid_events_is_a_beacon_with_no_events() -> None:
    beacon = parse_beacon(body([event(id=""), event(type="")]), NOW)
    assert beacon.events == []
    assert [(r.index, r.field) for r in beacon.rejected] == [(0, "id"), (1, "type")]


def test_a_duplicate_id_in_one_batch_is_rejected_and_the_first_kept() -> None:
    beacon = parse_beacon(body([event(id="x", url="https://example.com/1"), event(id="y"),
                                event(id="x", url="https://example.com/2")]), NOW)
    assert [(e["id"], e["url"]) for e in beacon.events] == [("x", "https://example.com/1"), ("y", event()["url"])]
    assert beacon.rejected == [Rejection(2, "id", "appears twice in this batch")]


def test_unknown_envelope_fields_are_ignored() -> None:
    data = orjson.dumps({"site": "example.com", "events": [event()], "v": 9, "extra": {"a": [1]}})
    assert parse_beacon(data, NOW) == Beacon("example.com", [event()], [])


# -- one event: required fields --------------------------------------------------------


@pytest.mark.parametrize("raw", [None, "e1", 1, 1.5, True, [], [event()]])
def test_an_event_must_be_an_object(raw: object) -> None:
    assert invalid(raw).field == "event"


def test_a_minimal_event_is_normalised_to_a_copy() -> None:
    raw = event()
    assert validate_event(raw, NOW) == raw
    assert validate_event(raw, NOW) is not raw


@pytest.mark.parametrize("good", ["a", "A-z_09", "x" * schema.MAX_ID_LEN, "01J9Z3K4XQ8R"])
def test_id_accepted(good: str) -> None:
    assert validate_event(event(id=good), NOW)["id"] == good


@pytest.mark.parametrize(
    "bad", [None, "", "x" * (schema.MAX_ID_LEN + 1), "a b", "a/b", "é", "a\n", "a.b", 12, ["a"], True],
)
def test_id_refused(bad: object) -> None:
    error = invalid(event(id=bad) if bad is not None else {k: v for k, v in event().items() if k != "id"})
    assert error.field == "id"
    assert str(schema.MAX_ID_LEN) in error.reason


@pytest.mark.parametrize("good", ["pageview", "click", "outbound", "download", "engagement", "signup_2",
                                  "a" * schema.MAX_TYPE_LEN])
def test_type_accepted_including_types_not_yet_known(good: str) -> None:
    assert validate_event(event(type=good), NOW)["type"] == good


@pytest.mark.parametrize("bad", ["", "PageView", "page view", "1click", "_x", "a" * (schema.MAX_TYPE_LEN + 1), 1,
                                 None])
def test_type_refused(bad: object) -> None:
    raw = event(type=bad) if bad is not None else {k: v for k, v in event().items() if k != "type"}
    error = invalid(raw)
    assert error.field == "type"
    assert str(schema.MAX_TYPE_LEN) in error.reason


def test_ts_float_with_an_integer_value_is_accepted_as_an_int() -> None:
    ts = validate_event(event(ts=float(NOW)), NOW)["ts"]
    assert ts == NOW and type(ts) is int


@pytest.mark.parametrize("bad", [None, "1733330000123", True, False, NOW + 0.5, math.nan, math.inf, -math.inf,
                                 [NOW], {"ms": NOW}])
def test_ts_must_be_an_integer(bad: object) -> None:
    raw = event(ts=bad) if bad is not None else {k: v for k, v in event().items() if k != "ts"}
    error = invalid(raw)
    assert error.field == "ts"
    assert "integer" in error.reason


def test_ts_past_limit() -> None:
    assert validate_event(event(ts=NOW - MAX_PAST_MS), NOW)["ts"] == NOW - MAX_PAST_MS
    error = invalid(event(ts=NOW - MAX_PAST_MS - 1))
    assert (error.field, error.reason) == ("ts", "is more than 24 hours in the past")


def test_ts_future_limit() -> None:
    assert validate_event(event(ts=NOW + MAX_FUTURE_MS), NOW)["ts"] == NOW + MAX_FUTURE_MS
    error = invalid(event(ts=NOW + MAX_FUTURE_MS + 1))
    assert (error.field, error.reason) == ("ts", "is more than 10 minutes in the future")


@pytest.mark.parametrize(
    "absurd", [0, -1, NOW - 48 * 3_600_000, NOW + 3_600_000, 2**80, -(2**80), 2**63, 1e300, -1e300, NOW // 1000],
    ids=["zero", "negative", "48h-old", "1h-ahead", "2**80", "-2**80", "2**63", "1e300", "-1e300", "seconds"],
)
def test_absurd_timestamps_are_refused(absurd: int | float) -> None:
    error = invalid(event(ts=absurd))
    assert error.field == "ts"
    assert "past" in error.reason or "future" in error.reason


def test_a_huge_integer_ts_through_json_is_refused_as_out_of_range() -> None:
    beacon = parse_beacon(b'{"site": "example.com", "events": [{"id": "a", "type": "pageview", "ts": '
                          + str(2**80).encode() + b', "url": "/"}]}', NOW)
    assert [(r.index, r.field) for r in beacon.rejected] == [(0, "ts")]


def test_url_limit() -> None:
    longest = "https://example.com/" + "a" * (MAX_URL_LEN - 20)
    assert len(longest) == MAX_URL_LEN
    assert validate_event(event(url=longest), NOW)["url"] == longest
    error = invalid(event(url=longest + "a"))
    assert (error.field, error.reason) == ("url", f"is longer than {MAX_URL_LEN} characters")


@pytest.mark.parametrize("bad", [None, "", 1, ["https://example.com/"], {"href": "/"}])
def test_url_is_required(bad: object) -> None:
    raw = event(url=bad) if bad is not None else {k: v for k, v in event().items() if k != "url"}
    assert invalid(raw).field == "url"


# -- one event: optional fields --------------------------------------------------------

OPTIONAL_STRINGS = [("ref", schema.MAX_URL_LEN), ("title", schema.MAX_TITLE_LEN), ("sid", schema.MAX_SID_LEN),
                    ("name", schema.MAX_NAME_LEN), ("target", schema.MAX_URL_LEN), ("vid", schema.MAX_ID_LEN)]


def test_the_optional_strings_tested_are_the_schemas() -> None:
    assert OPTIONAL_STRINGS == list(schema._STRINGS)


@pytest.mark.parametrize(("field", "limit"), OPTIONAL_STRINGS)
def test_optional_string_length_limit(field: str, limit: int) -> None:
    assert validate_event(event(**{field: "é" * limit}), NOW)[field] == "é" * limit  # characters, not bytes
    error = invalid(event(**{field: "x" * (limit + 1)}))
    assert (error.field, error.reason) == (field, f"is longer than {limit} characters")


@pytest.mark.parametrize(("field", "limit"), OPTIONAL_STRINGS)
@pytest.mark.parametrize("bad", [1, 1.5, True, ["x"], {"x": 1}])
def test_optional_string_must_be_a_string(field: str, limit: int, bad: object) -> None:
    error = invalid(event(**{field: bad}))
    assert (error.field, error.reason) == (field, "must be a string")


@pytest.mark.parametrize(("field", "limit"), OPTIONAL_STRINGS)
def test_optional_string_null_or_empty_is_left_out(field: str, limit: int) -> None:
    raw = event()
    raw[field] = None
    assert field not in validate_event(raw, NOW)
    assert field not in validate_event(event(**{field: ""}), NOW)


def test_vid_is_accepted_up_to_64_characters() -> None:
    assert validate_event(event(vid="v" * 64), NOW)["vid"] == "v" * 64
    assert invalid(event(vid="v" * 65)).field == "vid"


def test_custom_events_need_a_name() -> None:
    assert validate_event(event(type="custom", name="Signup"), NOW)["name"] == "Signup"
    for raw in (event(type="custom"), event(type="custom", name="")):
        error = invalid(raw)
        assert (error.field, error.reason) == ("name", "is required for custom events")


@pytest.mark.parametrize(("field", "high"), [("ms", schema.MAX_ENGAGED_MS), ("scroll", 100), ("status", 599)])
def test_bounded_integers(field: str, high: int) -> None:
    for good in (0, high):
        assert validate_event(event(**{field: good}), NOW)[field] == good
    for bad in (-1, high + 1, True, 1.5, "5", [1], 2**80):
        error = invalid(event(**{field: bad}))
        assert (error.field, error.reason) == (field, f"must be an integer from 0 to {high}")


@pytest.mark.parametrize(("value", "kept"), [(True, True), (False, False), (1, False), ("true", False)])
def test_webdriver_flag_is_kept_only_when_true(value: object, kept: bool) -> None:
    assert ("wd" in validate_event(event(wd=value), NOW)) is kept


def test_unknown_event_fields_are_dropped() -> None:
    raw = event(extra="x", __proto__={"polluted": True}, ip="198.51.100.1", rt=1)
    assert validate_event(raw, NOW) == event()


# -- props ------------------------------------------------------------------------------


def test_props_scalars_are_accepted() -> None:
    props = {"plan": "pro", "seats": 3, "price": 9.5, "trial": False, "coupon": None, "big": 2**63 - 1}
    assert validate_event(event(props=props), NOW)["props"] == props


@pytest.mark.parametrize("bad", ["plan=pro", 1, ["plan", "pro"], True])
def test_props_must_be_an_object(bad: object) -> None:
    assert invalid(event(props=bad)).field == "props"


def test_props_count_limit() -> None:
    most = {f"k{i}": i for i in range(MAX_PROPS)}
    assert validate_event(event(props=most), NOW)["props"] == most
    error = invalid(event(props={**most, "one_more": 1}))
    assert error.field == "props"
    assert f"has {MAX_PROPS + 1} entries" in error.reason


def test_props_name_limit() -> None:
    assert validate_event(event(props={"k" * MAX_PROP_KEY_LEN: 1}), NOW)["props"] == {"k" * MAX_PROP_KEY_LEN: 1}
    for bad in ("k" * (MAX_PROP_KEY_LEN + 1), ""):
        error = invalid(event(props={bad: 1}))
        assert (error.field, error.reason) == ("props", f"names must be 1-{MAX_PROP_KEY_LEN} characters")


@pytest.mark.parametrize("key", [1, None, ("a",), b"a"])
def test_props_names_must_be_strings_on_the_python_path(key: object) -> None:
    assert invalid(event(props={key: 1})).field == "props"


def test_props_value_length_limit() -> None:
    assert validate_event(event(props={"a": "v" * MAX_PROP_VALUE_LEN}), NOW)["props"]["a"] == "v" * MAX_PROP_VALUE_LEN
    error = invalid(event(props={"a": "v" * (MAX_PROP_VALUE_LEN + 1)}))
    assert (error.field, error.reason) == ("props.a", f"is longer than {MAX_PROP_VALUE_LEN} characters")


@pytest.mark.parametrize("nested", [{"b": 1}, [1, 2], [], {}, ({"deep": [[[]]]},)])
def test_props_may_not_nest(nested: object) -> None:
    error = invalid(event(props={"ok": 1, "a": nested}))
    assert error.field == "props.a"
    assert "no nesting" in error.reason


@pytest.mark.parametrize("value", [math.inf, -math.inf, math.nan])
def test_props_numbers_must_be_finite(value: float) -> None:
    """JSON cannot carry these (see the NaN body tests); the SDK's Python path can."""
    error = invalid(event(props={"a": value}))
    assert (error.field, error.reason) == ("props.a", "must be a finite number")


@pytest.mark.parametrize("value", [2**64, -(2**63) - 1, 2**200])
def test_props_integers_must_fit_64_bits(value: int) -> None:
    """Larger ones cannot be encoded for the log; JSON bodies turn them into floats first."""
    assert invalid(event(props={"a": value})).field == "props.a"


def test_props_in_a_json_body_cannot_carry_nan() -> None:
    data = b'{"site": "example.com", "events": [{"id": "a", "type": "pageview", "ts": 1, "url": "/", ' \
           b'"props": {"a": NaN}}]}'
    assert envelope_error(data).field == "body"


# -- properties -------------------------------------------------------------------------

json_scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20)
json_values = st.recursive(
    json_scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=20,
)
FIELDS = ["id", "type", "ts", "url", "ref", "title", "sid", "name", "target", "vid", "ms", "scroll", "status", "wd",
          "props"]


@MODEST
@given(data=st.binary(max_size=2048) | json_values.map(lambda value: json.dumps(value).encode()) | st.builds(
    lambda events, site: json.dumps({"site": site, "events": events}).encode(),  # NaN, Infinity, huge integers
    st.lists(json_values, max_size=5), st.sampled_from(["example.com", "WWW.EXAMPLE.COM", "", "a b"]),
))
def test_parse_beacon_returns_a_beacon_or_raises_envelope_error(data: bytes) -> None:
    try:
        beacon = parse_beacon(data, NOW)
    except EnvelopeError as error:
        assert error.field in {"body", "site", "events"}
        assert 400 <= error.status < 500
        return
    events = orjson.loads(data)["events"]
    assert len(beacon.events) + len(beacon.rejected) == len(events)


def _check_validate_event(raw: object) -> None:
    try:
        valid = validate_event(raw, NOW)
    except schema._Invalid as error:
        assert error.field == "event" or error.field.split(".")[0] in FIELDS
        assert error.reason
        return
    # a valid event can be sent on to the log, and stays valid when it comes back
    assert validate_event(orjson.loads(orjson.dumps(valid)), NOW) == valid


@MODEST
@given(raw=json_values)
def test_validate_event_on_any_json_value_returns_or_names_a_field(raw: object) -> None:
    _check_validate_event(raw)


@MODEST
@given(fields=st.dictionaries(st.sampled_from(FIELDS) | st.text(max_size=8), json_values, max_size=8))
def test_validate_event_on_any_field_values_returns_or_names_a_field(fields: dict[str, object]) -> None:
    _check_validate_event({**event(), **fields})


valid_events = st.builds(
    lambda kind, ts, url, title, props: {
        "type": kind, "ts": ts, "url": url, **({"title": title} if title else {}),
        **({"name": "goal"} if kind == "custom" else {}), **({"props": props} if props is not None else {})},
    st.sampled_from(sorted(schema.KNOWN_TYPES)),
    st.integers(NOW - MAX_PAST_MS, NOW + MAX_FUTURE_MS),
    st.text(min_size=1, max_size=40),
    st.text(max_size=20),
    st.none() | st.dictionaries(
        st.text(min_size=1, max_size=MAX_PROP_KEY_LEN),
        st.none() | st.booleans() | st.integers(-(2**63), 2**64 - 1) | st.floats(allow_nan=False, allow_infinity=False)
        | st.text(max_size=20),
        max_size=4,
    ),
)  # small strings keep a whole batch under the body limit; lengths at their limits are tested above
BREAKAGES: list[tuple[str, Any]] = [
    ("ts", NOW + MAX_FUTURE_MS + 1), ("ts", NOW - MAX_PAST_MS - 1), ("ts", "now"), ("url", ""),
    ("url", "u" * (MAX_URL_LEN + 1)), ("type", "Bad Type"), ("title", 5), ("ms", -1), ("scroll", 101),
    ("props", {"a": {"b": 1}}), ("props", {f"k{i}": i for i in range(MAX_PROPS + 1)}), ("sid", "s" * 65),
]


@MODEST
@given(batch=st.lists(
    st.tuples(valid_events, st.none() | st.sampled_from(BREAKAGES)), min_size=1, max_size=MAX_EVENTS // 4,
))
def test_a_mixed_batch_keeps_every_valid_event_and_reports_every_invalid_one(
    batch: list[tuple[dict[str, Any], tuple[str, Any] | None]],
) -> None:
    events = [{**sent, **({broken[0]: broken[1]} if broken else {}), "id": f"e{i}"}
              for i, (sent, broken) in enumerate(batch)]
    beacon = parse_beacon(orjson.dumps({"site": "example.com", "events": events}), NOW)
    assert [e["id"] for e in beacon.events] == [f"e{i}" for i, (_, broken) in enumerate(batch) if broken is None]
    assert [(r.index, r.field.split(".")[0]) for r in beacon.rejected] == [
        (i, broken[0]) for i, (_, broken) in enumerate(batch) if broken is not None
    ]
