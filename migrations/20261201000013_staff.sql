-- The agency's case handlers and admins. The password is kept only as its argon2id hash;
-- the TOTP secret (RFC 6238, SHA-1, 30 s, 6 digits) must be readable to check a code.
-- `totp_last_step` is the 30-second step of the last code accepted: a code is accepted once
-- only, and never one older than the last.
CREATE TABLE staff_accounts (
    id              TEXT PRIMARY KEY,
    username        TEXT NOT NULL UNIQUE,   -- lower case
    full_name       TEXT NOT NULL,
    role            TEXT NOT NULL CHECK (role IN ('handler', 'admin')),
    password_hash   TEXT NOT NULL,
    totp_secret     TEXT NOT NULL,          -- base32
    totp_last_step  BIGINT NOT NULL DEFAULT 0,
    created_at      BIGINT NOT NULL,        -- unix seconds
    disabled_at     BIGINT                  -- unix seconds; a disabled account cannot log in
);

-- Staff sessions, apart from the debtors': their own cookie and their own table. The id is
-- stored only as its SHA-256. A session ends 30 minutes after `seen_at` and 10 hours after
-- `created_at`.
CREATE TABLE staff_sessions (
    id_hash     TEXT PRIMARY KEY,
    staff_id    TEXT NOT NULL REFERENCES staff_accounts (id),
    created_at  BIGINT NOT NULL,
    seen_at     BIGINT NOT NULL
);
CREATE INDEX staff_sessions_staff ON staff_sessions (staff_id);
CREATE INDEX staff_sessions_seen ON staff_sessions (seen_at);
