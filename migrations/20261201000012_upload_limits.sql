-- How much a debtor may send, dated data an operator changes with `server upload-limits`:
-- forms with files per hour (per case and per session alike), and bytes stored per case.
CREATE TABLE upload_limits (
    from_date       TEXT PRIMARY KEY,
    forms_per_hour  BIGINT NOT NULL CHECK (forms_per_hour >= 0),
    bytes_per_case  BIGINT NOT NULL CHECK (bytes_per_case >= 0)
);
INSERT INTO upload_limits (from_date, forms_per_hour, bytes_per_case) VALUES ('2020-10-01', 20, 209715200);

-- Every form with files as it arrives, before its body is read, for the limit per hour.
-- `session_key` is the SHA-256 of the session id, as the sessions table keeps it.
CREATE TABLE form_posts (
    id           TEXT PRIMARY KEY,
    case_id      TEXT NOT NULL,
    session_key  TEXT NOT NULL,
    at           BIGINT NOT NULL     -- unix seconds
);
CREATE INDEX form_posts_case ON form_posts (case_id, at);
CREATE INDEX form_posts_session ON form_posts (session_key, at);
