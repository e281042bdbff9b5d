-- The published rates, from rates/*.csv. Later rates are added with `server rates`, not here.

INSERT INTO forsinkelsesrente (from_date, rate_bp, status) VALUES
    ('2014-01-01', 950, 'confirmed'),
    ('2014-07-01', 950, 'confirmed'),
    ('2015-01-01', 925, 'confirmed'),
    ('2015-07-01', 900, 'confirmed'),
    ('2016-01-01', 875, 'confirmed'),
    ('2016-07-01', 850, 'confirmed'),
    ('2017-01-01', 850, 'confirmed'),
    ('2017-07-01', 850, 'confirmed'),
    ('2018-01-01', 850, 'confirmed'),
    ('2018-07-01', 850, 'confirmed'),
    ('2019-01-01', 875, 'confirmed'),
    ('2019-07-01', 925, 'confirmed'),
    ('2020-01-01', 950, 'confirmed'),
    ('2020-07-01', 800, 'confirmed'),
    ('2021-01-01', 800, 'confirmed'),
    ('2021-07-01', 800, 'confirmed'),
    ('2022-01-01', 850, 'confirmed'),
    ('2022-07-01', 925, 'confirmed'),
    ('2023-01-01', 1075, 'confirmed'),
    ('2023-07-01', 1175, 'confirmed'),
    ('2024-01-01', 1250, 'confirmed'),
    ('2024-07-01', 1250, 'inferred'),
    ('2025-01-01', 1250, 'confirmed'),
    ('2025-07-01', 1225, 'inferred'),
    ('2026-01-01', 1200, 'industry');

INSERT INTO inkassosats (from_date, amount_ore, status) VALUES
    ('2006-01-01', 55000, 'confirmed'),
    ('2007-01-01', 56000, 'confirmed'),
    ('2009-01-01', 59000, 'industry'),
    ('2013-01-01', 63000, 'industry'),
    ('2015-01-01', 65000, 'industry'),
    ('2016-01-01', 67000, 'industry'),
    ('2017-01-01', 70000, 'confirmed'),
    ('2026-01-01', 75000, 'industry');

INSERT INTO rettsgebyr (from_date, amount_ore, status) VALUES
    ('2006-01-01', 86000, 'confirmed'),
    ('2016-01-01', 102500, 'confirmed'),
    ('2017-01-01', 104900, 'confirmed'),
    ('2018-01-01', 113000, 'confirmed'),
    ('2019-01-01', 115000, 'confirmed'),
    ('2020-01-01', 117200, 'confirmed'),
    ('2021-01-01', 119900, 'confirmed'),
    ('2022-01-01', 122300, 'confirmed'),
    ('2023-01-01', 124300, 'unconfirmed'),
    ('2024-01-01', 127700, 'derived'),
    ('2025-01-01', 131400, 'industry');
