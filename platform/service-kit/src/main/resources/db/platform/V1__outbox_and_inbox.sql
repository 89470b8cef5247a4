-- Platform tables every service has: the transactional outbox and the idempotent-consumer inbox.
-- Kept in their own Flyway history (platform_schema_history) so services version their own schema freely.
CREATE TABLE outbox_event (
    id              uuid PRIMARY KEY,
    topic           varchar(200) NOT NULL,
    message_key     varchar(200),
    payload         jsonb        NOT NULL,
    created_at      timestamptz  NOT NULL,
    attempts        integer      NOT NULL DEFAULT 0,
    last_attempt_at timestamptz
);
CREATE INDEX outbox_event_created_at_idx ON outbox_event (created_at, id);

CREATE TABLE inbox_event (
    event_id     uuid         NOT NULL,
    consumer     varchar(100) NOT NULL,
    processed_at timestamptz  NOT NULL,
    PRIMARY KEY (event_id, consumer)
);
