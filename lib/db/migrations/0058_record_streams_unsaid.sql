-- Up Migration

-- lifestone_record_streams returned every stream's row; the writer reads
-- only `acked` from it, and on the common path (a stream's seqs merged on
-- from where its row stood) that is the last seq the writer merged, which it
-- knows. Each protocol 2 plugin has its row updated in about every
-- transaction that carries its frames, so a transaction returned a row per
-- stream it wrote: about 0.5 ms of a 2.4-3.0 ms call at 90 streams, sent to
-- ingest and parsed there. The common path now returns only the rows whose
-- `acked` is not the last seq merged (a row already past it, or nothing
-- merged); the general path returns every row it touches, as before.
CREATE OR REPLACE FUNCTION lifestone_record_streams(p_owners text[], p_streams text[], p_written int8multirange[], p_done int8multirange[])
RETURNS TABLE (owner text, stream text, acked bigint, above text)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
  row record;
  updated boolean[] := array_fill(false, ARRAY[cardinality(p_owners)]);
  updated_count integer := 0;
  rest_owners text[];
  rest_streams text[];
  rest_written int8multirange[];
  rest_done int8multirange[];
BEGIN
  -- In key order, so that lanes updating the same streams lock them in the same order.
  FOR row IN
    WITH fast AS (
      UPDATE plugin_streams AS s
         SET acked = GREATEST(s.acked, upper(u.done) - 1), updated_at = now()
        FROM (SELECT * FROM unnest(p_owners, p_streams, p_written, p_done) WITH ORDINALITY AS x(owner, stream, written, done, idx) ORDER BY 1, 2) AS u
       WHERE s.owner = u.owner AND s.stream = u.stream
         AND isempty(s.done_above)
         AND (isempty(u.written) OR lower(u.written) > s.acked)
         AND (isempty(u.done) OR (lower(u.done) <= s.acked + 1 AND int8multirange(range_merge(u.done)) = u.done))
      RETURNING u.idx, s.owner, s.stream, s.acked, s.done_above::text AS above, upper(u.done) - 1 AS reached
    ) SELECT * FROM fast
  LOOP
    updated[row.idx::integer] := true;
    updated_count := updated_count + 1;
    -- The caller knows the last seq it merged: a row whose acked is that seq (and nothing above) goes unsaid.
    IF row.acked IS DISTINCT FROM row.reached THEN
      owner := row.owner; stream := row.stream; acked := row.acked; above := row.above;
      RETURN NEXT;
    END IF;
  END LOOP;
  IF updated_count = cardinality(p_owners) THEN
    RETURN;
  END IF;
  SELECT array_agg(u.owner), array_agg(u.stream), array_agg(u.written), array_agg(u.done)
    INTO rest_owners, rest_streams, rest_written, rest_done
    FROM unnest(p_owners, p_streams, p_written, p_done) WITH ORDINALITY AS u(owner, stream, written, done, idx)
   WHERE NOT updated[u.idx::integer];
  IF rest_owners IS NOT NULL THEN
    RETURN QUERY SELECT * FROM lifestone_record_streams_checked(rest_owners, rest_streams, rest_written, rest_done);
  END IF;
END
$$;

-- Down Migration

CREATE OR REPLACE FUNCTION lifestone_record_streams(p_owners text[], p_streams text[], p_written int8multirange[], p_done int8multirange[])
RETURNS TABLE (owner text, stream text, acked bigint, above text)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
  row record;
  updated boolean[] := array_fill(false, ARRAY[cardinality(p_owners)]);
  updated_count integer := 0;
  rest_owners text[];
  rest_streams text[];
  rest_written int8multirange[];
  rest_done int8multirange[];
BEGIN
  -- In key order, so that lanes updating the same streams lock them in the same order.
  FOR row IN
    WITH fast AS (
      UPDATE plugin_streams AS s
         SET acked = GREATEST(s.acked, upper(u.done) - 1), updated_at = now()
        FROM (SELECT * FROM unnest(p_owners, p_streams, p_written, p_done) WITH ORDINALITY AS x(owner, stream, written, done, idx) ORDER BY 1, 2) AS u
       WHERE s.owner = u.owner AND s.stream = u.stream
         AND isempty(s.done_above)
         AND (isempty(u.written) OR lower(u.written) > s.acked)
         AND (isempty(u.done) OR (lower(u.done) <= s.acked + 1 AND int8multirange(range_merge(u.done)) = u.done))
      RETURNING u.idx, s.owner, s.stream, s.acked, s.done_above::text AS above
    ) SELECT * FROM fast
  LOOP
    updated[row.idx::integer] := true;
    updated_count := updated_count + 1;
    owner := row.owner; stream := row.stream; acked := row.acked; above := row.above;
    RETURN NEXT;
  END LOOP;
  IF updated_count = cardinality(p_owners) THEN
    RETURN;
  END IF;
  SELECT array_agg(u.owner), array_agg(u.stream), array_agg(u.written), array_agg(u.done)
    INTO rest_owners, rest_streams, rest_written, rest_done
    FROM unnest(p_owners, p_streams, p_written, p_done) WITH ORDINALITY AS u(owner, stream, written, done, idx)
   WHERE NOT updated[u.idx::integer];
  IF rest_owners IS NOT NULL THEN
    RETURN QUERY SELECT * FROM lifestone_record_streams_checked(rest_owners, rest_streams, rest_written, rest_done);
  END IF;
END
$$;
