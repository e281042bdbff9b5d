-- Deferrals (utsettelser) a debtor granted themselves within the rules: the case's payment is
-- due on a later date, with the interest that keeps running until then.
CREATE TABLE deferrals (
    id              TEXT PRIMARY KEY,
    case_id         TEXT NOT NULL REFERENCES cases (id),
    submission_id   TEXT NOT NULL UNIQUE,   -- from the form: a resubmitted form is one deferral
    created_at      TEXT NOT NULL,          -- RFC 3339 UTC
    created_on      TEXT NOT NULL,          -- YYYY-MM-DD (Europe/Oslo)
    new_due_on      TEXT NOT NULL,          -- YYYY-MM-DD
    total_ore       BIGINT NOT NULL CHECK (total_ore > 0),   -- what is owed on the new date
    interest_ore    BIGINT NOT NULL                          -- of it, interest after today
);
CREATE INDEX deferrals_case ON deferrals (case_id, created_at);
