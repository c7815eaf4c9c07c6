-- Up Migration

-- The last event each writer lane committed, by sequence number: a lane's
-- transaction moves its row forward as it commits. After a lost connection
-- the lane cannot tell whether its COMMIT got through; its retry locks the
-- row (waiting for the lost transaction to end, committed or not), reads how
-- far it got, and writes only the events after it. One small row per lane
-- and ingest start; rows of instances gone are pruned by maintenance.
CREATE TABLE writer_commits (
  writer_id    uuid NOT NULL,
  lane         integer NOT NULL,
  last_seq     bigint NOT NULL,
  committed_at timestamptz NOT NULL,
  PRIMARY KEY (writer_id, lane)
) WITH (fillfactor = 50); -- rewritten by every batch: room for HOT updates

INSERT INTO retention_policies VALUES ('writer_commits', 'committed_at', interval '1 day', 'rows');

-- Sums of plugin counters: a counter may be up to 2,147,483,647 per report
-- (lib/protocol `count`), so two reports in one minute, or many sightings of
-- one portal, overflowed `integer` and sent the event to undeliverable_events.
-- The other integer columns of game data hold one reported value each, which
-- the frame's bounds keep within `integer`. Rewrites these two tables.
ALTER TABLE activity_minutes
  ALTER COLUMN kills TYPE bigint,
  ALTER COLUMN deaths TYPE bigint,
  ALTER COLUMN rares TYPE bigint;
ALTER TABLE portals ALTER COLUMN sightings TYPE bigint;

-- Down Migration

ALTER TABLE portals ALTER COLUMN sightings TYPE integer;
ALTER TABLE activity_minutes
  ALTER COLUMN kills TYPE integer,
  ALTER COLUMN deaths TYPE integer,
  ALTER COLUMN rares TYPE integer;
DELETE FROM retention_policies WHERE table_name = 'writer_commits';
DROP TABLE IF EXISTS writer_commits;
