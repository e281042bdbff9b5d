-- Login attempts are recorded before their code is checked, so that simultaneous tries are
-- counted as they arrive: 'pending' while the code is being checked, then 'failed' or
-- 'succeeded'; 'refused' when a limit stopped it before any check (not counted against the
-- limits). `realm` keeps debtor and staff logins apart; `subject` is the case number or the
-- username as typed. Attempts are kept for a day, so nothing of value is lost by starting
-- the table afresh.
DROP TABLE login_attempts;

CREATE TABLE login_attempts (
    id        TEXT PRIMARY KEY,
    realm     TEXT NOT NULL CHECK (realm IN ('debtor', 'staff')),
    subject   TEXT NOT NULL,
    ip        TEXT NOT NULL,
    at        BIGINT NOT NULL,     -- unix seconds
    outcome   TEXT NOT NULL CHECK (outcome IN ('pending', 'failed', 'succeeded', 'refused'))
);
CREATE INDEX login_attempts_subject ON login_attempts (realm, subject, at);
CREATE INDEX login_attempts_ip ON login_attempts (ip, at);

-- One row per login subject and per client address, taken (written) first in the
-- transaction that admits a try: tries on the same subject or from the same address are
-- admitted one at a time, each seeing the ones before it, on every instance.
CREATE TABLE login_gates (
    key         TEXT PRIMARY KEY,   -- 'subject:<realm>:<subject>' or 'ip:<address>'
    touched_at  BIGINT NOT NULL
);
CREATE INDEX login_gates_touched ON login_gates (touched_at);
