"""The ./mcpm local-stack launcher: real PostgreSQL, Kafka, OpenBao and Redis plus every app, no Docker."""
