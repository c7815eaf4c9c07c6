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
DROP TABLE IF EXISTS server_status_changes, plugin_refusals;
