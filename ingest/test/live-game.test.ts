import { describe, expect, it } from 'vitest';
import { sendAndFlush, usePluginSession } from '@lifestone/test-kit/plugin-session';

/**
 * The game, server and dimension a character's frames name (the Minecraft
 * bridge's extra fields) on its live row: what `Character.game` and the
 * filters by game read.
 */

const T = Date.parse('2026-11-24T10:00:00.000Z');
const session = usePluginSession();
const minecraft = { game: 'MINECRAFT', server: 'survival' };

const telemetry = (name: string, seconds: number, extra: object = {}) =>
  ({ type: 'telemetry', character_name: name, session_id: 's1', timestamp: new Date(T + seconds * 1000).toISOString(), ew: 1, ns: 2, z: 64, ...extra });
const vitals = (name: string, seconds: number, extra: object = {}) =>
  ({ type: 'vitals', character_name: name, timestamp: new Date(T + seconds * 1000).toISOString(), health_pct: 50, stamina_pct: 100, mana_pct: 100, ...extra });

async function placeOf(name: string): Promise<unknown> {
  const { rows } = await session.stack.db.query('SELECT game, server, dimension FROM live_characters WHERE character_name = $1', [name]);
  return rows[0];
}

describe("a character's game on its live row", () => {
  it('comes from telemetry and vitals, the dimension from telemetry alone; other frames keep it', async () => {
    await sendAndFlush(session.stack, session.plugin, [telemetry('Steve', 0, { ...minecraft, dimension: 'the_nether' })]);
    expect(await placeOf('Steve')).toEqual({ game: 'MINECRAFT', server: 'survival', dimension: 'the_nether' });

    await sendAndFlush(session.stack, session.plugin, [vitals('Steve', 1, { ...minecraft, server: 'creative' })]);
    expect(await placeOf('Steve')).toEqual({ game: 'MINECRAFT', server: 'creative', dimension: 'the_nether' });

    await sendAndFlush(session.stack, session.plugin, [{ type: 'chat', character_name: 'Steve', channel: 'General', text: 'hi', timestamp: new Date(T + 2000).toISOString() }]);
    expect(await placeOf('Steve')).toEqual({ game: 'MINECRAFT', server: 'creative', dimension: 'the_nether' });
  });

  it('is ASHERONS_CALL for frames that name no game, or one Lifestone does not know', async () => {
    await sendAndFlush(session.stack, session.plugin, [telemetry('Vexor', 0), telemetry('Tetrominus', 0, { game: 'TETRIS', server: 'well' })]);
    expect(await placeOf('Vexor')).toEqual({ game: 'ASHERONS_CALL', server: null, dimension: null });
    expect(await placeOf('Tetrominus')).toEqual({ game: 'ASHERONS_CALL', server: 'well', dimension: null });
  });

  it('is set on a new row by its first vitals, and on a row a chat line made', async () => {
    await sendAndFlush(session.stack, session.plugin, [vitals('Alex', 0, minecraft)]);
    expect(await placeOf('Alex')).toEqual({ game: 'MINECRAFT', server: 'survival', dimension: null });

    await sendAndFlush(session.stack, session.plugin, [{ type: 'chat', character_name: 'Herobrine', channel: 'General', text: 'boo', timestamp: new Date(T).toISOString(), ...minecraft }]);
    expect(await placeOf('Herobrine')).toEqual({ game: 'ASHERONS_CALL', server: null, dimension: null });
    await sendAndFlush(session.stack, session.plugin, [telemetry('Herobrine', 1, { ...minecraft, dimension: 'overworld' })]);
    expect(await placeOf('Herobrine')).toEqual({ game: 'MINECRAFT', server: 'survival', dimension: 'overworld' });
  });

  it('keeps text as sent where an array literal would read it otherwise', async () => {
    const name = 'Sir "Quote", {Brace} \\ Back NULL';
    await sendAndFlush(session.stack, session.plugin, [telemetry(name, 0, { game: 'MINECRAFT', server: 'a "b" \\ {c}, d', dimension: ' NULL ', vt_state: 'Ünïcode ☃' })]);
    expect(await placeOf(name)).toEqual({ game: 'MINECRAFT', server: 'a "b" \\ {c}, d', dimension: ' NULL ' });
    const { rows } = await session.stack.db.query('SELECT vt_state, session_id, ew FROM live_characters WHERE character_name = $1', [name]);
    expect(rows).toEqual([{ vt_state: 'Ünïcode ☃', session_id: 's1', ew: 1 }]);
  });

  it('comes from the later of telemetry and vitals in one batch', async () => {
    await sendAndFlush(session.stack, session.plugin, [vitals('Notch', 0, { ...minecraft, server: 'first' }), telemetry('Notch', 1, { ...minecraft, server: 'second', dimension: 'the_end' })]);
    expect(await placeOf('Notch')).toEqual({ game: 'MINECRAFT', server: 'second', dimension: 'the_end' });
    await sendAndFlush(session.stack, session.plugin, [telemetry('Notch', 2, { ...minecraft, server: 'third', dimension: 'overworld' }), vitals('Notch', 3, { ...minecraft, server: 'fourth' })]);
    expect(await placeOf('Notch')).toEqual({ game: 'MINECRAFT', server: 'fourth', dimension: 'overworld' });
  });
});
