-- Up Migration

-- Protocol 2 streams' rows are merged by the database, in the statement a
-- writer transaction sends with its COMMIT (one round trip), so that a
-- stream's row is locked only while the server runs it, never while the
-- writer waits on its event loop. Writer lanes of one instance share
-- streams (a character's frames and its inventory go to different lanes):
-- a lock held across the client's round trips made them wait on each other
-- in turn.

-- `acked` and `above` with the seqs of `more` done too: `acked` rises over
-- every range it now reaches, and `above` keeps what lies beyond.
CREATE FUNCTION lifestone_merge_done(p_acked bigint, p_above int8multirange, p_more int8multirange,
                                     OUT acked bigint, OUT above int8multirange)
LANGUAGE sql IMMUTABLE AS $$
  WITH done AS (
    SELECT int8multirange(int8range(1, p_acked + 1)) + p_above + p_more AS seqs
  ), reached AS (
    SELECT COALESCE((SELECT upper(r) - 1 FROM unnest(seqs) AS r WHERE lower(r) = 1), 0) AS acked, seqs FROM done
  )
  SELECT GREATEST(p_acked, reached.acked), reached.seqs - int8multirange(int8range(1, GREATEST(p_acked, reached.acked) + 1))
    FROM reached
$$;

-- Records done seqs in the rows of streams (`p_done`, one multirange per
-- stream), after checking under the rows' locks (taken in key order) that
-- none of the seqs this transaction wrote (`p_written`) is done already: if
-- one is, another transaction stored that frame meanwhile, and this one
-- fails with SQLSTATE LS409 (the writer rolls back and writes the batch
-- again without it). Returns each stream's row as it now stands.
CREATE FUNCTION lifestone_record_streams(p_owners text[], p_streams text[], p_written int8multirange[], p_done int8multirange[])
RETURNS TABLE (owner text, stream text, acked bigint, above text)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
BEGIN
  IF EXISTS (
    SELECT 1
      FROM (SELECT s.acked, s.done_above, u.written
              FROM plugin_streams AS s
              JOIN unnest(p_owners, p_streams, p_written) AS u(owner, stream, written)
                ON s.owner = u.owner AND s.stream = u.stream
             ORDER BY s.owner, s.stream
               FOR UPDATE OF s) AS locked
     WHERE (int8multirange(int8range(1, locked.acked + 1)) + locked.done_above) && locked.written
  ) THEN
    RAISE EXCEPTION 'a frame of this batch was stored by another transaction meanwhile'
      USING ERRCODE = 'LS409', HINT = 'the batch is written again without it';
  END IF;
  RETURN QUERY
    INSERT INTO plugin_streams AS s (owner, stream, acked, done_above)
    SELECT u.owner, u.stream, m.acked, m.above
      FROM unnest(p_owners, p_streams, p_done) AS u(owner, stream, done),
           lifestone_merge_done(0, '{}', u.done) AS m
     ORDER BY u.owner, u.stream
    ON CONFLICT ON CONSTRAINT plugin_streams_pkey DO UPDATE
      SET (acked, done_above) = (SELECT * FROM lifestone_merge_done(s.acked, s.done_above,
                                   int8multirange(int8range(1, excluded.acked + 1)) + excluded.done_above)),
          updated_at = now()
    RETURNING s.owner, s.stream, s.acked, s.done_above::text;
END
$$;

-- Down Migration

DROP FUNCTION IF EXISTS lifestone_record_streams(text[], text[], int8multirange[], int8multirange[]);
DROP FUNCTION IF EXISTS lifestone_merge_done(bigint, int8multirange, int8multirange);
