-- A form's submission id makes sending it twice one request, but only within its own case:
-- ids are stored as '<case id>:<submission id>', so the same id on another case is another
-- request, never mistaken for one already stored.
UPDATE objections SET submission_id = case_id || ':' || submission_id;
UPDATE receipts SET submission_id = case_id || ':' || submission_id;
UPDATE payment_plans SET submission_id = case_id || ':' || submission_id;
UPDATE deferrals SET submission_id = case_id || ':' || submission_id;
