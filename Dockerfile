# The activity-tracker server image used by docker-compose.yml:
#   docker build -t activity-tracker .
#   docker run -p 8000:8000 -v tracker-data:/data activity-tracker
# With no arguments it runs everything in one process on the embedded log.
FROM python:3.12-slim

WORKDIR /src
# Only what the package is built from: no caches, tests or broker jars.
COPY setup.cfg pyproject.toml README.md ./
COPY tracker_sdk tracker_sdk
COPY ingest_server ingest_server
RUN pip install --no-cache-dir . \
 && useradd --create-home --uid 10001 tracker \
 && mkdir /data && chown tracker /data

USER tracker
WORKDIR /home/tracker
# The embedded log, rollups and salts (and the collector's Kafka spool).
ENV ACTIVITY_TRACKER_DATA_DIR=/data
EXPOSE 8000 8001
ENTRYPOINT ["activity-tracker"]
CMD ["serve", "--host", "0.0.0.0", "--port", "8000"]
