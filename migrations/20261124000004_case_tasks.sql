-- Every request a debtor makes becomes a task for the agency, with the date an answer is due,
-- so that a case handler's inbox can list them.
CREATE TABLE case_tasks (
    id          TEXT PRIMARY KEY,
    case_id     TEXT NOT NULL REFERENCES cases (id),
    kind        TEXT NOT NULL,        -- invoice_copy, objection, receipt, deferral, instalment_plan, …
    status      TEXT NOT NULL CHECK (status IN ('open', 'answered', 'closed')),
    reference   TEXT NOT NULL UNIQUE, -- shown to the debtor
    created_at  TEXT NOT NULL,        -- RFC 3339 UTC, the instant
    created_on  TEXT NOT NULL,        -- YYYY-MM-DD, the day in Europe/Oslo (the app's clock)
    due_on      TEXT NOT NULL,        -- YYYY-MM-DD: the agency answers by this date
    detail      TEXT NOT NULL         -- JSON: what the debtor sent
);
CREATE INDEX case_tasks_case ON case_tasks (case_id, created_at);
CREATE INDEX case_tasks_inbox ON case_tasks (status, due_on);
-- One open request of each kind per case: a double click or a retry finds the one there is.
CREATE UNIQUE INDEX case_tasks_one_open ON case_tasks (case_id, kind) WHERE status = 'open';
