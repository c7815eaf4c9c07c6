-- Up Migration

-- A protocol 2 batch almost always writes, for each of its streams, seqs
-- above everything the stream's row holds done, and its done seqs reach on
-- from `acked`: then the row's new `acked` is the highest of them and no
-- other transaction can have stored one of its frames. Such rows are
-- updated in one statement, the row lock taken by the update itself (a row
-- changed meanwhile is judged again on its latest version), without the
-- explicit lock, the multirange merge and the upsert the general case takes
-- (0040), which cost PostgreSQL about twice as much per stream. The rest,
-- and streams with no row, go through the general case.
ALTER FUNCTION lifestone_record_streams(text[], text[], int8multirange[], int8multirange[])
  RENAME TO lifestone_record_streams_checked;

CREATE FUNCTION lifestone_record_streams(p_owners text[], p_streams text[], p_written int8multirange[], p_done int8multirange[])
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
  -- In key order, so that lanes updating the same streams lock them in the same order.
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

-- Down Migration

DROP FUNCTION IF EXISTS lifestone_record_streams(text[], text[], int8multirange[], int8multirange[]);
ALTER FUNCTION lifestone_record_streams_checked(text[], text[], int8multirange[], int8multirange[])
  RENAME TO lifestone_record_streams;
