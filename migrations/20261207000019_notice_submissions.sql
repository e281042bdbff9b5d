-- "Jeg har betalt" sent twice (a double click, a resent form) is one notice: each notice keeps
-- the form's submission id (within its case: `db::submissions::key`). Notices from before
-- have none.
ALTER TABLE payment_notices ADD COLUMN submission_id TEXT;
CREATE UNIQUE INDEX payment_notices_submission ON payment_notices (submission_id);
