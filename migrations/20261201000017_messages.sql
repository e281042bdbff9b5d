-- The conversation of a case: the debtor and the agency write to each other in Min side.
-- A debtor's message that has no answer yet keeps the case's one open 'message' task open
-- (case_tasks); the agency's answer closes it.
CREATE TABLE messages (
    id             TEXT PRIMARY KEY,
    case_id        TEXT NOT NULL REFERENCES cases (id),
    sender         TEXT NOT NULL CHECK (sender IN ('debtor', 'agency')),
    staff_id       TEXT REFERENCES staff_accounts (id),  -- the handler who wrote an agency message
    author         TEXT NOT NULL,      -- the handler's first name as the debtor sees it; '' for the debtor
    topic          TEXT,               -- what the debtor came about (faktura, kan-ikke-betale, …), if named
    body           TEXT NOT NULL,      -- plain text, cleaned, at most 4 000 characters
    submission_id  TEXT NOT NULL,      -- from the form: a message sent twice is stored once
    created_at     TEXT NOT NULL,      -- RFC 3339 UTC with microseconds: the conversation's order
    created_on     TEXT NOT NULL,      -- YYYY-MM-DD, the day in Europe/Oslo (the app's clock)
    answer_by      TEXT,               -- a debtor's message: the day the agency answers by
    answered_at    TEXT,               -- a debtor's message: when the agency answered
    read_at        TEXT,               -- when the other side first opened it
    UNIQUE (case_id, submission_id)
);
CREATE INDEX messages_case ON messages (case_id, created_at, id);
CREATE INDEX messages_unread ON messages (case_id, sender, read_at);

-- The conversation's dated rules, changed with `server message-rules FILE`: how many days
-- the agency has to answer a message (one week: the proposed new Debt Collection Act), and
-- how many messages a debtor may send in a window of minutes.
CREATE TABLE message_rules (
    from_date            TEXT PRIMARY KEY,
    answer_within_days   BIGINT NOT NULL CHECK (answer_within_days >= 1 AND answer_within_days <= 90),
    messages_per_window  BIGINT NOT NULL CHECK (messages_per_window >= 0),
    window_minutes       BIGINT NOT NULL CHECK (window_minutes >= 1 AND window_minutes <= 1440)
);
INSERT INTO message_rules (from_date, answer_within_days, messages_per_window, window_minutes)
VALUES ('2020-10-01', 7, 20, 10);

-- Files may now belong to a message. SQLite cannot change a CHECK, so the table is built
-- anew, the same in both databases.
CREATE TABLE uploads_new (
    id            TEXT PRIMARY KEY,
    case_id       TEXT NOT NULL REFERENCES cases (id),
    owner_kind    TEXT NOT NULL CHECK (owner_kind IN ('receipt', 'objection', 'message')),
    owner_id      TEXT NOT NULL,          -- receipts.id, objections.id or messages.id
    file_name     TEXT NOT NULL,
    content_type  TEXT NOT NULL CHECK (content_type IN ('application/pdf', 'image/jpeg', 'image/png', 'image/heic')),
    size_bytes    BIGINT NOT NULL CHECK (size_bytes > 0),
    sha256        TEXT NOT NULL,
    storage_key   TEXT NOT NULL UNIQUE,
    created_at    TEXT NOT NULL,
    created_on    TEXT NOT NULL
);
INSERT INTO uploads_new (id, case_id, owner_kind, owner_id, file_name, content_type, size_bytes,
                         sha256, storage_key, created_at, created_on)
SELECT id, case_id, owner_kind, owner_id, file_name, content_type, size_bytes, sha256,
       storage_key, created_at, created_on FROM uploads;
DROP TABLE uploads;
ALTER TABLE uploads_new RENAME TO uploads;
CREATE INDEX uploads_case ON uploads (case_id, created_at);
CREATE INDEX uploads_owner ON uploads (owner_kind, owner_id);

-- Who is writing in a conversation just now, so that a second handler sees it: one row per
-- handler and case, its time moved on while they type.
CREATE TABLE conversation_typing (
    case_id   TEXT NOT NULL REFERENCES cases (id),
    staff_id  TEXT NOT NULL REFERENCES staff_accounts (id),
    at        BIGINT NOT NULL,        -- unix seconds
    PRIMARY KEY (case_id, staff_id)
);

-- Saved replies an admin keeps, with {belop}, {kid}, {kontonummer} and {saksnummer} filled
-- in from the case when a handler inserts one.
CREATE TABLE reply_templates (
    id          TEXT PRIMARY KEY,
    title       TEXT NOT NULL UNIQUE,
    body        TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL REFERENCES staff_accounts (id)
);
