-- Up Migration

-- Maintenance deletes the expired rows of each row-retained table every
-- LIFESTONE_MAINTENANCE_INTERVAL_MS (a minute): a table whose expired rows
-- no index finds is read whole every minute. The tables that grow with the
-- fleet and with time now each have one (retention.test.ts checks).

-- A row per character sheet (at login, then every 10 minutes): 43 million
-- after 30 days of 10,000 characters, read whole every minute.
CREATE INDEX xp_samples_received ON xp_samples (received_at);

-- A row per failing address and account: as many as an attacker has
-- addresses.
CREATE INDEX sign_in_failures_last ON sign_in_failures (last_failure_at);

-- A stream's `updated_at` changes with every batch of its frames: indexed,
-- none of those updates could be HOT (0022). Its rows are found by
-- `opened_at`, which is never later than `updated_at` and changes only when
-- a connection opens the stream. `found_by` names such a column: expired
-- rows are those where both are older than the retention.
ALTER TABLE retention_policies ADD COLUMN found_by text;
CREATE INDEX plugin_streams_opened ON plugin_streams (opened_at);
UPDATE retention_policies SET found_by = 'opened_at' WHERE table_name = 'plugin_streams';

-- Down Migration

DROP INDEX IF EXISTS plugin_streams_opened;
ALTER TABLE retention_policies DROP COLUMN IF EXISTS found_by;
DROP INDEX IF EXISTS sign_in_failures_last;
DROP INDEX IF EXISTS xp_samples_received;
