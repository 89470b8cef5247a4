-- Users disabled in auth-server, as learnt from user.disabled / user.enabled (events.UserStatusListener).
CREATE TABLE disabled_owner (
    owner_id    text PRIMARY KEY,
    disabled_at timestamptz NOT NULL DEFAULT now()
);
