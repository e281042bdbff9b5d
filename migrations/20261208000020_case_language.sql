-- The language the debtor chose on Min side (bokmål, English or Polish: 'nb', 'en', 'pl'), so
-- that letters and notices use it later and the workspace shows it. Bokmål until they choose.
ALTER TABLE cases ADD COLUMN language TEXT NOT NULL DEFAULT 'nb';
