-- One schema for SQLite and PostgreSQL: portable types only. Money is BIGINT øre, dates are
-- ISO text (YYYY-MM-DD), instants are RFC 3339 UTC text, ids are UUID text made in Rust.

CREATE TABLE creditors (
    id          TEXT PRIMARY KEY,          -- the exchange file's key, e.g. "elektro"
    name        TEXT NOT NULL,
    org_number  TEXT NOT NULL
);

CREATE TABLE debtors (
    id           TEXT PRIMARY KEY,
    kind         TEXT NOT NULL CHECK (kind IN ('consumer', 'business')),
    name         TEXT NOT NULL,
    email        TEXT,
    phone        TEXT,
    street       TEXT,
    postal_code  TEXT,
    city         TEXT
);

CREATE TABLE cases (
    id                TEXT PRIMARY KEY,
    case_number       TEXT NOT NULL UNIQUE,
    creditor_id       TEXT NOT NULL REFERENCES creditors (id),
    debtor_id         TEXT NOT NULL REFERENCES debtors (id),
    status            TEXT NOT NULL,
    kid               TEXT NOT NULL UNIQUE,
    access_code_hash  TEXT NOT NULL,       -- argon2id PHC string; the code itself is never stored
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL
);

CREATE TABLE claims (
    id              TEXT PRIMARY KEY,
    case_id         TEXT NOT NULL REFERENCES cases (id),
    invoice_number  TEXT NOT NULL,
    description     TEXT NOT NULL,
    invoice_date    TEXT NOT NULL,
    due_date        TEXT NOT NULL,
    principal_ore   BIGINT NOT NULL CHECK (principal_ore > 0),
    UNIQUE (case_id, invoice_number)
);
CREATE INDEX claims_case ON claims (case_id);

CREATE TABLE costs (
    id          TEXT PRIMARY KEY,
    case_id     TEXT NOT NULL REFERENCES cases (id),
    position    BIGINT NOT NULL,           -- place in the exchange file's list: the import key
    kind        TEXT NOT NULL CHECK (kind IN ('reminder_fee', 'collection_notice_fee', 'payment_demand_fee',
                                              'collection_fee', 'agreement_fee', 'legal_fee', 'other')),
    date        TEXT NOT NULL,
    amount_ore  BIGINT NOT NULL CHECK (amount_ore > 0),
    UNIQUE (case_id, position)
);
CREATE INDEX costs_case ON costs (case_id);

CREATE TABLE payments (
    id           TEXT PRIMARY KEY,
    case_id      TEXT NOT NULL REFERENCES cases (id),
    reference    TEXT NOT NULL,
    date         TEXT NOT NULL,
    amount_ore   BIGINT NOT NULL CHECK (amount_ore > 0),
    source       TEXT NOT NULL CHECK (source IN ('import', 'bank', 'manual')),
    allocation   TEXT NOT NULL,            -- JSON: where the payment went, from the domain statement
    received_at  TEXT NOT NULL,
    UNIQUE (case_id, reference)
);
CREATE INDEX payments_case ON payments (case_id);

CREATE TABLE documents (
    id            TEXT PRIMARY KEY,
    case_id       TEXT NOT NULL REFERENCES cases (id),
    kind          TEXT NOT NULL,
    title         TEXT NOT NULL,
    file_name     TEXT NOT NULL,
    content_type  TEXT NOT NULL,
    size_bytes    BIGINT NOT NULL,
    sha256        TEXT NOT NULL,
    storage_key   TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    UNIQUE (case_id, kind, title)
);
CREATE INDEX documents_case ON documents (case_id);

-- Rate tables: dated data an operator adds to, never constants in code.
CREATE TABLE forsinkelsesrente (
    from_date  TEXT PRIMARY KEY,
    rate_bp    BIGINT NOT NULL CHECK (rate_bp >= 0),   -- hundredths of a percent: 12.25 % = 1225
    status     TEXT NOT NULL
);

CREATE TABLE inkassosats (
    from_date   TEXT PRIMARY KEY,
    amount_ore  BIGINT NOT NULL CHECK (amount_ore > 0),
    status      TEXT NOT NULL
);

CREATE TABLE rettsgebyr (
    from_date   TEXT PRIMARY KEY,
    amount_ore  BIGINT NOT NULL CHECK (amount_ore > 0),
    status      TEXT NOT NULL
);

-- Append-only: the application only ever inserts here.
CREATE TABLE audit_log (
    id       TEXT PRIMARY KEY,
    at       TEXT NOT NULL,
    actor    TEXT NOT NULL,
    action   TEXT NOT NULL,
    case_id  TEXT,
    detail   TEXT NOT NULL
);
CREATE INDEX audit_log_case ON audit_log (case_id, at);
