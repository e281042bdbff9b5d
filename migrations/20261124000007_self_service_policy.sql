-- The rules for what a debtor may set up alone (a deferral, an instalment plan): dated data
-- an operator changes without a release. The row in force is the one with the latest
-- from_date on or before today.
CREATE TABLE self_service_policy (
    from_date                   TEXT PRIMARY KEY,            -- YYYY-MM-DD
    max_deferral_days           BIGINT NOT NULL CHECK (max_deferral_days >= 0),
    deferrals_per_case          BIGINT NOT NULL CHECK (deferrals_per_case >= 0),
    max_instalments             BIGINT NOT NULL CHECK (max_instalments >= 1),
    min_instalment_ore          BIGINT NOT NULL CHECK (min_instalment_ore >= 0),
    min_share_divisor           BIGINT NOT NULL CHECK (min_share_divisor >= 1),  -- each instalment at least total / this
    supplement_after            BIGINT NOT NULL CHECK (supplement_after >= 0),   -- more instalments than this add the supplement
    supplement_factor_permille  BIGINT NOT NULL CHECK (supplement_factor_permille >= 0)  -- × inkassosats; 1500 = 1.5
);

-- The defaults: a deferral of up to 30 days once per case; up to 24 monthly instalments, each
-- at least 300 kr and at least 1/24 of the total; more than four instalments add 1.5 × IS.
INSERT INTO self_service_policy
    (from_date, max_deferral_days, deferrals_per_case, max_instalments, min_instalment_ore,
     min_share_divisor, supplement_after, supplement_factor_permille)
VALUES ('2020-10-01', 30, 1, 24, 30000, 24, 4, 1500);
