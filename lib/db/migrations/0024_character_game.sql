-- Up Migration

-- The game each character plays and where, as its frames say (the `game`,
-- `server` and `dimension` fields the Minecraft bridge adds, kept in the rows'
-- `extra`): on the live snapshot, so that a list filtered by game reads one
-- row per character. Ingest sets them from each batch's latest telemetry or
-- vitals; a character whose frames name no game is of the first one.
ALTER TABLE live_characters
  ADD COLUMN game text NOT NULL DEFAULT 'ASHERONS_CALL' CHECK (game IN ('ASHERONS_CALL', 'MINECRAFT')),
  ADD COLUMN server text,
  ADD COLUMN dimension text;

-- Characters already reported: their latest telemetry row says (one index probe each).
UPDATE live_characters AS live SET game = 'MINECRAFT', server = latest.extra ->> 'server', dimension = latest.extra ->> 'dimension'
  FROM live_characters AS c
  CROSS JOIN LATERAL (SELECT extra FROM telemetry_events AS t WHERE t.character_name = c.character_name
                       ORDER BY received_at DESC LIMIT 1) AS latest
 WHERE live.character_name = c.character_name AND latest.extra ->> 'game' = 'MINECRAFT';

-- Down Migration

ALTER TABLE live_characters DROP COLUMN IF EXISTS dimension, DROP COLUMN IF EXISTS server, DROP COLUMN IF EXISTS game;
