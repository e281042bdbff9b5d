-- "Jeg er uenig i kravet": what the debtor wrote, kept as written. Registering one sets the
-- case to 'objection' (collection stops) and opens a task for the agency.
CREATE TABLE objections (
    id                TEXT PRIMARY KEY,
    case_id           TEXT NOT NULL REFERENCES cases (id),
    submission_id     TEXT NOT NULL UNIQUE,   -- from the form: a resubmitted form is one objection
    submitted_at      TEXT NOT NULL,          -- RFC 3339 UTC
    reason            TEXT NOT NULL CHECK (reason IN ('not_bought', 'already_paid', 'wrong_amount', 'defective', 'other')),
    explanation       TEXT NOT NULL,
    done_so_far       TEXT NOT NULL,
    contacted_seller  BIGINT NOT NULL CHECK (contacted_seller IN (0, 1)),
    contacted_on      TEXT,
    contact_outcome   TEXT NOT NULL,
    task_reference    TEXT NOT NULL
);
CREATE INDEX objections_case ON objections (case_id, submitted_at);
