-- Money in from the bank: files of incoming payments (OCR giro, camt.054), each imported
-- once, and every transaction in them, matched to a case by its KID or queued for a case
-- handler. A file is known by the SHA-256 of its content; an import claims it here first
-- (so two watchers of one folder never both take it) and renews the claim as it goes, so
-- that an import killed half-way is taken over and finished by the next one.
CREATE TABLE payment_files (
    id             TEXT PRIMARY KEY,
    sha256         TEXT NOT NULL UNIQUE,
    format         TEXT NOT NULL CHECK (format IN ('ocr', 'camt054')),
    file_name      TEXT NOT NULL,
    file_ref       TEXT NOT NULL,             -- the transmission number or the message id
    status         TEXT NOT NULL CHECK (status IN ('importing', 'imported')),
    claimed_by     TEXT NOT NULL,             -- "cli", or the watcher: host and process
    claimed_until  TEXT NOT NULL,             -- RFC 3339 UTC; a claim not renewed by then is free
    started_at     TEXT NOT NULL,
    finished_at    TEXT,
    transactions   BIGINT NOT NULL,           -- as the file states them
    skipped        BIGINT NOT NULL,           -- entries that are not payments in (camt.054)
    summary        TEXT NOT NULL DEFAULT '{}' -- JSON: counts and øre by what became of them
);
CREATE INDEX payment_files_started ON payment_files (started_at);

-- One row a transaction, registered once whatever file brings it again (tx_key: the
-- transmission, assignment and transaction numbers, or the bank's entry reference).
CREATE TABLE bank_transactions (
    id                 TEXT PRIMARY KEY,
    file_id            TEXT NOT NULL REFERENCES payment_files (id),
    tx_key             TEXT NOT NULL UNIQUE,
    kind               TEXT NOT NULL CHECK (kind IN ('payment', 'reversal')),
    amount_ore         BIGINT NOT NULL CHECK (amount_ore > 0),
    kid                TEXT NOT NULL,            -- as the payer wrote it
    bank_date          TEXT NOT NULL,            -- YYYY-MM-DD
    payer_account      TEXT,
    payer_text         TEXT,
    place              TEXT NOT NULL,            -- where in its file: a line or an XML path
    -- matched: a payment on a case (or a reversal applied to one); unmatched: waiting for a
    -- handler; refund: a handler sends the money back.
    status             TEXT NOT NULL CHECK (status IN ('matched', 'unmatched', 'refund')),
    reason             TEXT,                     -- why it waits: kid_check, no_case, case_closed, nothing_to_reverse
    case_id            TEXT REFERENCES cases (id),
    payment_reference  TEXT,                     -- the payment it became, or the one it reversed
    created_at         TEXT NOT NULL,
    created_on         TEXT NOT NULL,            -- YYYY-MM-DD in Europe/Oslo
    due_on             TEXT,                     -- unmatched: a handler decides by this date
    assignee_id        TEXT REFERENCES staff_accounts (id),
    version            BIGINT NOT NULL DEFAULT 0,
    decided_by         TEXT,
    decided_at         TEXT,
    decision_note      TEXT
);
CREATE INDEX bank_transactions_file ON bank_transactions (file_id);
CREATE INDEX bank_transactions_case ON bank_transactions (case_id);
-- The queue of unmatched payments, by due date, as the inbox pages it.
CREATE INDEX bank_transactions_queue ON bank_transactions (status, due_on, id);

-- A reversal takes back (part of) a payment; what is left of it is amount_ore - reversed_ore.
ALTER TABLE payments ADD COLUMN reversed_ore BIGINT NOT NULL DEFAULT 0;
-- Cases by a claim's amount, for a handler looking for whose payment it is.
CREATE INDEX claims_principal ON claims (principal_ore);

-- "Something changed on this case" between processes on SQLite (PostgreSQL has NOTIFY): a
-- row per signal, read by every other process every half second, kept a few minutes.
CREATE TABLE change_signals (
    id       TEXT PRIMARY KEY,
    origin   TEXT NOT NULL,       -- the process that sent it (it has heard it already)
    payload  TEXT NOT NULL,
    sent_at  TEXT NOT NULL
);
