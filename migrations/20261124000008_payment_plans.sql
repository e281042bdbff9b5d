-- Instalment plans (nedbetalingsavtaler) a debtor accepted within the rules. The schedule is
-- stored as agreed; how the plan stands is always worked out from the payments received,
-- never from a stored counter. The supplement for more than four instalments is a cost of
-- the case from the day of the agreement (added to the ledger from here, so that an import of
-- the case's costs never removes it).
CREATE TABLE payment_plans (
    id                  TEXT PRIMARY KEY,
    case_id             TEXT NOT NULL REFERENCES cases (id),
    submission_id       TEXT NOT NULL UNIQUE,   -- from the form: a resubmitted form is one plan
    status              TEXT NOT NULL CHECK (status IN ('active', 'ended')),
    created_at          TEXT NOT NULL,          -- RFC 3339 UTC
    created_on          TEXT NOT NULL,          -- YYYY-MM-DD, the agreement's day (Europe/Oslo)
    day_of_month        BIGINT NOT NULL CHECK (day_of_month BETWEEN 1 AND 28),
    monthly_amount_ore  BIGINT NOT NULL CHECK (monthly_amount_ore > 0),
    supplement_ore      BIGINT NOT NULL CHECK (supplement_ore >= 0),
    interest_ore        BIGINT NOT NULL,
    total_ore           BIGINT NOT NULL CHECK (total_ore > 0),
    settled_on          TEXT NOT NULL
);
CREATE INDEX payment_plans_case ON payment_plans (case_id, created_at);
-- One running plan per case.
CREATE UNIQUE INDEX payment_plans_one_active ON payment_plans (case_id) WHERE status = 'active';

CREATE TABLE plan_instalments (
    plan_id     TEXT NOT NULL REFERENCES payment_plans (id),
    number      BIGINT NOT NULL CHECK (number >= 1),
    due_on      TEXT NOT NULL,
    amount_ore  BIGINT NOT NULL CHECK (amount_ore > 0),
    PRIMARY KEY (plan_id, number)
);
