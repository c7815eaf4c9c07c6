-- Up Migration

-- Frames ingest refused, per character and error code, with the last refusal
-- of each. Ingest tallies refusals in memory and upserts the tallies about
-- once a second, so a plugin flooding bad frames costs one row write per code.
CREATE TABLE plugin_refusals (
  character_name text NOT NULL,
  code           text NOT NULL,
  refused        bigint NOT NULL,
  last_message   text NOT NULL,
  last_at        timestamptz NOT NULL,
  PRIMARY KEY (character_name, code)
);

-- Activity per character and minute of receive time: what its telemetry added
-- to the session counters (the increases the lifetime counters add) and, by
-- the row's presence, that it reported. Ingest upserts it with each batch;
-- the fleet board's charts sum it into buckets.
CREATE TABLE activity_minutes (
  character_name text NOT NULL,
  minute         timestamptz NOT NULL,
  kills          integer NOT NULL DEFAULT 0,
  deaths         integer NOT NULL DEFAULT 0,
  rares          integer NOT NULL DEFAULT 0,
  PRIMARY KEY (character_name, minute)
);
CREATE INDEX activity_minutes_minute ON activity_minutes (minute);
INSERT INTO retention_policies VALUES ('activity_minutes', 'minute', interval '30 days', 'rows');

-- Every change of a game server's status (and its first check), kept forever:
-- a few rows a day. Written by a trigger, so whatever records a check
-- (ingest's watcher, a script) keeps the history.
CREATE TABLE server_status_changes (
  server     text NOT NULL,
  status     text NOT NULL CHECK (status IN ('up', 'down', 'unknown')),
  changed_at timestamptz NOT NULL,
  PRIMARY KEY (server, changed_at)
);

INSERT INTO server_status_changes (server, status, changed_at) SELECT server, status, checked_at FROM server_status;

CREATE FUNCTION lifestone_record_server_status_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' OR NEW.status IS DISTINCT FROM OLD.status THEN
    INSERT INTO server_status_changes (server, status, changed_at) VALUES (NEW.server, NEW.status, NEW.checked_at)
      ON CONFLICT (server, changed_at) DO UPDATE SET status = EXCLUDED.status;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER server_status_changed AFTER INSERT OR UPDATE ON server_status
  FOR EACH ROW EXECUTE FUNCTION lifestone_record_server_status_change();

-- Down Migration

DROP TRIGGER IF EXISTS server_status_changed ON server_status;
DROP FUNCTION IF EXISTS lifestone_record_server_status_change();
DELETE FROM retention_policies WHERE table_name = 'activity_minutes';
DROP TABLE IF EXISTS server_status_changes, activity_minutes, plugin_refusals;
