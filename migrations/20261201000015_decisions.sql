-- A case handler's answer to a debtor's request: what was decided, the text the debtor reads,
-- when (the instant, and the day in Europe/Oslo) and by whom. A task with an answer is
-- 'answered'; its version moved on with the decision.
ALTER TABLE case_tasks ADD COLUMN decision TEXT;
ALTER TABLE case_tasks ADD COLUMN answer TEXT;
ALTER TABLE case_tasks ADD COLUMN answered_at TEXT;      -- RFC 3339 UTC
ALTER TABLE case_tasks ADD COLUMN answered_on TEXT;      -- YYYY-MM-DD
ALTER TABLE case_tasks ADD COLUMN answered_by TEXT REFERENCES staff_accounts (id);

-- What a creditor drops (on an objection, or when a handler closes a case as written off): a
-- credit line on the statement, allocated like a payment on its date and shown with its
-- reason. Claims are never edited for it.
CREATE TABLE write_offs (
    id           TEXT PRIMARY KEY,
    case_id      TEXT NOT NULL REFERENCES cases (id),
    reference    TEXT NOT NULL,
    date         TEXT NOT NULL,                 -- YYYY-MM-DD
    amount_ore   BIGINT NOT NULL CHECK (amount_ore > 0),
    reason       TEXT NOT NULL,
    task_id      TEXT REFERENCES case_tasks (id),     -- none when a handler closes the case
    decided_by   TEXT NOT NULL REFERENCES staff_accounts (id),
    created_at   TEXT NOT NULL,
    UNIQUE (case_id, reference)
);
CREATE INDEX write_offs_case ON write_offs (case_id);

-- Notes a handler keeps on a case for colleagues: never shown to the debtor.
CREATE TABLE case_notes (
    id          TEXT PRIMARY KEY,
    case_id     TEXT NOT NULL REFERENCES cases (id),
    author_id   TEXT NOT NULL REFERENCES staff_accounts (id),
    created_at  TEXT NOT NULL,
    body        TEXT NOT NULL
);
CREATE INDEX case_notes_case ON case_notes (case_id, created_at);
