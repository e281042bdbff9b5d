-- The case handlers' inbox over case_tasks: who works on a task, until when it waits (on
-- the creditor, say: it comes back to the inbox on that day), and a version that every
-- change moves on, so that a decision on a task changed since it was opened is refused.
ALTER TABLE case_tasks ADD COLUMN assignee_id TEXT REFERENCES staff_accounts (id);
ALTER TABLE case_tasks ADD COLUMN waiting_until TEXT;            -- YYYY-MM-DD
ALTER TABLE case_tasks ADD COLUMN version BIGINT NOT NULL DEFAULT 0;

-- The inbox lists by due date, then id (the page key); by assignee for "mine".
CREATE INDEX case_tasks_by_due ON case_tasks (status, due_on, id);
CREATE INDEX case_tasks_by_assignee ON case_tasks (assignee_id, status, due_on, id);
-- The counts per kind read this index alone (every column they test is in it).
CREATE INDEX case_tasks_counts ON case_tasks (status, kind, waiting_until, due_on, assignee_id);
