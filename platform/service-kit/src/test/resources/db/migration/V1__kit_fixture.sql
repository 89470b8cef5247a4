CREATE TABLE fixture_note (
    id         uuid PRIMARY KEY,
    owner_id   varchar(100) NOT NULL,
    ciphertext text         NOT NULL
);
CREATE TABLE received_event (
    event_id uuid PRIMARY KEY,
    received_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
