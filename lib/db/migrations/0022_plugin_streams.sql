-- Up Migration

-- Protocol 2 streams (lib/protocol/PROTOCOL.md): how much of each plugin
-- stream is done, stored or refused. `acked` is the highest seq up to which
-- every frame is done (what a welcome and an ack tell the plugin);
-- `done_above` the seqs done beyond it, where a writer lane committed frames
-- while an earlier one waited in another lane. Each writer transaction that
-- stores a stream's frames merges their seqs in before it commits, so the
-- row never says more than is stored, and a frame whose seq it holds is not
-- stored again, whichever ingest instance receives it.
--
-- A stream id is the plugin's own choice: it is scoped by the credential
-- that opened it (`secret`, or `key:<plugin key id>`), so that one keyed
-- plugin cannot mark another's frames as stored. Rows of streams idle for
-- 30 days are pruned by maintenance; such a stream starts again from 0.
CREATE TABLE plugin_streams (
  owner      text NOT NULL,
  stream     text NOT NULL CHECK (stream ~ '^[A-Za-z0-9._-]{1,100}$'),
  acked      bigint NOT NULL DEFAULT 0 CHECK (acked >= 0),
  done_above int8multirange NOT NULL DEFAULT '{}',
  opened_at  timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (owner, stream)
) WITH (fillfactor = 50); -- rewritten by every batch of the stream: room for HOT updates

INSERT INTO retention_policies VALUES ('plugin_streams', 'updated_at', interval '30 days', 'rows');

-- Down Migration

DELETE FROM retention_policies WHERE table_name = 'plugin_streams';
DROP TABLE IF EXISTS plugin_streams;
