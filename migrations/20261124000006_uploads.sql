-- Files a debtor sends: receipts ("Jeg har allerede betalt") and attachments to an objection.
-- The bytes are in object storage under `storage_key` (ours, never the user's file name);
-- a row is written only after its file is safely stored.

-- "Jeg har allerede betalt": what the debtor told us beside the files.
CREATE TABLE receipts (
    id              TEXT PRIMARY KEY,
    case_id         TEXT NOT NULL REFERENCES cases (id),
    submission_id   TEXT NOT NULL UNIQUE,   -- from the form: a resubmitted form is one receipt
    submitted_at    TEXT NOT NULL,          -- RFC 3339 UTC
    submitted_on    TEXT NOT NULL,          -- YYYY-MM-DD, the day in Europe/Oslo (the app's clock)
    paid_on         TEXT,                   -- YYYY-MM-DD, if given
    amount_ore      BIGINT CHECK (amount_ore > 0),
    comment         TEXT NOT NULL,
    task_reference  TEXT NOT NULL
);
CREATE INDEX receipts_case ON receipts (case_id, submitted_at);

CREATE TABLE uploads (
    id            TEXT PRIMARY KEY,
    case_id       TEXT NOT NULL REFERENCES cases (id),
    owner_kind    TEXT NOT NULL CHECK (owner_kind IN ('receipt', 'objection')),
    owner_id      TEXT NOT NULL,          -- receipts.id or objections.id
    file_name     TEXT NOT NULL,          -- as the debtor named it, cleaned; shown, never a path
    content_type  TEXT NOT NULL CHECK (content_type IN ('application/pdf', 'image/jpeg', 'image/png', 'image/heic')),
    size_bytes    BIGINT NOT NULL CHECK (size_bytes > 0),
    sha256        TEXT NOT NULL,
    storage_key   TEXT NOT NULL UNIQUE,
    created_at    TEXT NOT NULL,          -- RFC 3339 UTC, the instant
    created_on    TEXT NOT NULL           -- YYYY-MM-DD, the day in Europe/Oslo (the app's clock)
);
CREATE INDEX uploads_case ON uploads (case_id, created_at);
CREATE INDEX uploads_owner ON uploads (owner_kind, owner_id);

-- A file being written, before its row exists. Removed in the transaction that writes the
-- row; one left behind (a crash in between) names a stray file that the sweeper deletes.
CREATE TABLE pending_uploads (
    storage_key  TEXT PRIMARY KEY,
    created_at   BIGINT NOT NULL          -- Unix seconds
);
