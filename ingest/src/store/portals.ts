import type { PoolClient } from 'pg';
import type { EventOf } from '../accepted-event.js';
import { extraJson } from './copy.js';
import { queryRecords } from './upserts.js';

/**
 * Records portal sightings, one row per spot: coordinates rounded to 0.1
 * (`round(x::numeric, 1)`, halves away from zero) are the key, so the same
 * portal seen by many characters with a little jitter is one portal. The
 * first sighting names its discoverer; later ones refresh it and count.
 */
export async function updatePortals(client: PoolClient, events: readonly EventOf<'portal'>[]): Promise<void> {
  await queryRecords(
    client,
    `WITH sighting AS (
       SELECT r.*, round(r.ew::numeric, 1) AS ew_key, round(r.ns::numeric, 1) AS ns_key
         FROM ROWS FROM (json_to_recordset($1::json) AS (portal_name text, ew float8, ns float8, z float8,
              landblock text, seen_at timestamptz, seen_by text, extra jsonb))
              WITH ORDINALITY AS r(portal_name, ew, ns, z, landblock, seen_at, seen_by, extra, arrival)
     ), spot AS (
       SELECT ew_key, ns_key,
              (array_agg(portal_name ORDER BY arrival DESC))[1] AS portal_name,
              (array_agg(ew ORDER BY arrival DESC))[1] AS ew,
              (array_agg(ns ORDER BY arrival DESC))[1] AS ns,
              (array_agg(z ORDER BY arrival DESC))[1] AS z,
              (array_agg(landblock ORDER BY arrival DESC))[1] AS landblock,
              min(seen_at) AS first_seen_at, max(seen_at) AS last_seen_at,
              (array_agg(seen_by ORDER BY arrival))[1] AS discovered_by,
              (array_agg(seen_by ORDER BY arrival DESC))[1] AS last_seen_by,
              count(*)::int AS sightings,
              (array_agg(extra ORDER BY arrival DESC))[1] AS extra
         FROM sighting GROUP BY ew_key, ns_key
     )
     INSERT INTO portals AS p (ew_key, ns_key, portal_name, ew, ns, z, landblock, first_seen_at, last_seen_at,
                               discovered_by, last_seen_by, sightings, extra)
     SELECT ew_key, ns_key, portal_name, ew, ns, z, landblock, first_seen_at, last_seen_at, discovered_by, last_seen_by,
            sightings, extra FROM spot
      ORDER BY ew_key, ns_key -- one lock order for every writer lane, so lanes cannot deadlock
     ON CONFLICT (ew_key, ns_key) DO UPDATE
       SET portal_name = excluded.portal_name, ew = excluded.ew, ns = excluded.ns, z = excluded.z,
           landblock = excluded.landblock, last_seen_at = greatest(p.last_seen_at, excluded.last_seen_at),
           last_seen_by = excluded.last_seen_by, sightings = p.sightings + excluded.sightings, extra = excluded.extra`,
    events.map(({ frame: f, receivedAt }) => ({
      portal_name: f.portal_name,
      ew: f.ew,
      ns: f.ns,
      z: f.z,
      landblock: f.landblock,
      seen_at: receivedAt,
      seen_by: f.character_name,
      extra: extraJson(f.extra)?.value ?? null,
    })),
  );
}
