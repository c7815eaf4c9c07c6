import { describe, expect, it } from 'vitest';
import { runMaintenance } from '../../lib/db/index.js';
import { sendAndFlush, usePluginSession } from '@lifestone/test-kit/plugin-session';

const session = usePluginSession();

const portal = (character: string, ew: number, ns: number, name = 'Portal to Ayan Baqur') => ({ type: 'portal', character_name: character, portal_name: name, ew, ns, z: 5 });

describe('portals', () => {
  it('are deduplicated on coordinates rounded to 0.1, across batches and characters', async () => {
    await sendAndFlush(session.stack, session.plugin, [portal('Alpha', 10.04, -20.01), portal('Beta', 10.0, -19.96), portal('Alpha', 55.5, 55.5, 'Portal to Xarabydun')]);
    await sendAndFlush(session.stack, session.plugin, [portal('Gamma', 9.96, -20.04)]);
    const rows = (await session.stack.db.query(
      `SELECT ew_key::float8, ns_key::float8, portal_name, discovered_by, last_seen_by, sightings FROM portals ORDER BY ew_key`)).rows;
    expect(rows).toEqual([
      { ew_key: 10, ns_key: -20, portal_name: 'Portal to Ayan Baqur', discovered_by: 'Alpha', last_seen_by: 'Gamma', sightings: 3 },
      { ew_key: 55.5, ns_key: 55.5, portal_name: 'Portal to Xarabydun', discovered_by: 'Alpha', last_seen_by: 'Alpha', sightings: 1 },
    ]);
  });

  it('expire an hour after they were last seen', async () => {
    await sendAndFlush(session.stack, session.plugin, [portal('Delta', -70, 70, 'Portal to Tufa')]);
    const count = async () => Number((await session.stack.db.query(`SELECT count(*) FROM portals WHERE portal_name = 'Portal to Tufa'`)).rows[0].count);
    const result = await runMaintenance(session.stack.db, new Date(Date.now() + 59 * 60_000));
    expect(await count()).toBe(1);
    expect(result.deleted.portals).toBe(0);
    await runMaintenance(session.stack.db, new Date(Date.now() + 61 * 60_000));
    expect(await count()).toBe(0);
  });
});
