-- Up Migration

-- An account whose password was generated for it (the first admin's, printed
-- at the first start and kept in the data folder) is asked to choose its own
-- at sign-in; changing it clears the flag.
ALTER TABLE accounts ADD COLUMN password_change_due boolean NOT NULL DEFAULT false;

-- Down Migration

ALTER TABLE accounts DROP COLUMN password_change_due;
