-- How many days the agency has to answer a debtor's request: dated data an operator changes
-- with `server answer-deadline` (good collection practice says 14 days; the proposed new Act
-- one week). A request is due this many days after the day it was sent, by the row in force
-- that day.
CREATE TABLE answer_deadlines (
    from_date           TEXT PRIMARY KEY,
    answer_within_days  BIGINT NOT NULL CHECK (answer_within_days >= 1 AND answer_within_days <= 90)
);
INSERT INTO answer_deadlines (from_date, answer_within_days) VALUES ('2020-10-01', 14);
