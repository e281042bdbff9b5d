-- Debtor sessions, shared by every app instance. The cookie holds the session id; the table
-- holds only its SHA-256, so a copy of the database opens no session.
CREATE TABLE sessions (
    id_hash     TEXT PRIMARY KEY,
    data        TEXT NOT NULL,        -- JSON
    expires_at  BIGINT NOT NULL       -- unix seconds; refreshed on every request (idle expiry)
);
CREATE INDEX sessions_expiry ON sessions (expires_at);

-- Every login attempt, for lockouts that hold across instances.
CREATE TABLE login_attempts (
    id           TEXT PRIMARY KEY,
    case_number  TEXT NOT NULL,       -- as typed, whether or not such a case exists
    ip           TEXT NOT NULL,
    at           BIGINT NOT NULL,     -- unix seconds
    success      BIGINT NOT NULL CHECK (success IN (0, 1))
);
CREATE INDEX login_attempts_case ON login_attempts (case_number, at);
CREATE INDEX login_attempts_ip ON login_attempts (ip, at);

-- "Jeg har betalt": what a debtor says they paid in the bank. Changes no balance; shown as
-- "Betaling på vei" until a real payment arrives, and to case handlers.
CREATE TABLE payment_notices (
    id          TEXT PRIMARY KEY,
    case_id     TEXT NOT NULL REFERENCES cases (id),
    paid_on     TEXT NOT NULL,
    amount_ore  BIGINT NOT NULL CHECK (amount_ore > 0),
    created_at  TEXT NOT NULL
);
CREATE INDEX payment_notices_case ON payment_notices (case_id, created_at);
