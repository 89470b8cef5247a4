-- Accounts of people. Usernames are stored lower-case; passwords only as DelegatingPasswordEncoder hashes.
CREATE TABLE app_user (
    id            uuid         PRIMARY KEY,
    username      varchar(64)  NOT NULL UNIQUE,
    password_hash varchar(255) NOT NULL,
    enabled       boolean      NOT NULL,
    created_at    timestamptz  NOT NULL,
    version       bigint       NOT NULL
);

CREATE TABLE app_user_role (
    user_id uuid        NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    role    varchar(16) NOT NULL,
    PRIMARY KEY (user_id, role)
);

-- Failed-login counters, shared by every replica. One row per account (key = hash of the username,
-- so unknown usernames are throttled exactly like known ones) and one per client IP.
CREATE TABLE login_throttle (
    throttle_key         varchar(100) PRIMARY KEY,
    consecutive_failures integer      NOT NULL,
    window_started_at    timestamptz  NOT NULL,
    window_failures      integer      NOT NULL,
    not_before           timestamptz,
    locked_until         timestamptz,
    updated_at           timestamptz  NOT NULL
);
