-- Up Migration

-- lifestone_record_streams (0045) found the streams its common path had not
-- updated by comparing each of the transaction's streams with every one it
-- had (`<> ALL (fast_keys)`): quadratic in the transaction's streams. A
-- writer transaction carries hundreds to thousands of streams, and any of
-- them on the general path (a stream whose frames two lanes write, one
-- committing before the other) made that comparison run: at 10,000 protocol 2
-- plugins it took a third of the function's time, 14 ms a call, about 0.17
-- of a core. The common path now marks the streams it updated by their
-- position in the arrays, and the rest are taken in one pass.
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

-- Down Migration

CREATE OR REPLACE FUNCTION lifestone_record_streams(p_owners text[], p_streams text[], p_written int8multirange[], p_done int8multirange[])
RETURNS TABLE (owner text, stream text, acked bigint, above text)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
  row record;
  fast_keys text[] := '{}';
  rest_owners text[];
  rest_streams text[];
  rest_written int8multirange[];
  rest_done int8multirange[];
BEGIN
  FOR row IN
    WITH fast AS (
      UPDATE plugin_streams AS s
         SET acked = GREATEST(s.acked, upper(u.done) - 1), updated_at = now()
        FROM (SELECT * FROM unnest(p_owners, p_streams, p_written, p_done) AS x(owner, stream, written, done) ORDER BY 1, 2) AS u
       WHERE s.owner = u.owner AND s.stream = u.stream
         AND isempty(s.done_above)
         AND (isempty(u.written) OR lower(u.written) > s.acked)
         AND (isempty(u.done) OR (lower(u.done) <= s.acked + 1 AND int8multirange(range_merge(u.done)) = u.done))
      RETURNING s.owner, s.stream, s.acked, s.done_above::text AS above
    ) SELECT * FROM fast
  LOOP
    fast_keys := fast_keys || (row.owner || E'\n' || row.stream);
    owner := row.owner; stream := row.stream; acked := row.acked; above := row.above;
    RETURN NEXT;
  END LOOP;
  IF cardinality(fast_keys) = cardinality(p_owners) THEN
    RETURN;
  END IF;
  SELECT array_agg(u.owner), array_agg(u.stream), array_agg(u.written), array_agg(u.done)
    INTO rest_owners, rest_streams, rest_written, rest_done
    FROM unnest(p_owners, p_streams, p_written, p_done) AS u(owner, stream, written, done)
   WHERE (u.owner || E'\n' || u.stream) <> ALL (fast_keys);
  IF rest_owners IS NOT NULL THEN
    RETURN QUERY SELECT * FROM lifestone_record_streams_checked(rest_owners, rest_streams, rest_written, rest_done);
  END IF;
END
$$;
