import { describe, expect, it } from 'vitest';
import { useTestPool } from '@lifestone/test-kit/database';

/**
 * `lifestone_record_streams` (migrations 0040, 0045, 0057) on PostgreSQL: the
 * common case (seqs above what the row holds, reaching on from `acked`) and
 * the general one (gaps, resends, new rows) give the same rows, and a seq
 * stored by another transaction is refused with LS409 on either path.
 */
describe('stream rows', () => {
  const db = useTestPool();
  const record = async (streams: Array<[string, string, string]>): Promise<Array<{ stream: string; acked: string; above: string }>> => {
    const { rows } = await db.pool.query<{ stream: string; acked: string; above: string }>(
      'SELECT stream, acked::text, above FROM lifestone_record_streams($1::text[], $2::text[], $3::int8multirange[], $4::int8multirange[]) ORDER BY stream',
      [streams.map(() => 'secret'), streams.map(([stream]) => stream), streams.map(([, written]) => written), streams.map(([, , done]) => done)],
    );
    return rows;
  };

  it('moves acked on for contiguous seqs, keeps gaps above it, and fills them later', async () => {
    await db.pool.query("INSERT INTO plugin_streams (owner, stream, acked) VALUES ('secret', 'fast', 10), ('secret', 'gap', 10)");
    expect(await record([
      ['fast', '{[11,14)}', '{[11,14)}'],
      ['gap', '{[13,15)}', '{[13,15)}'],
      ['new', '{[1,3)}', '{[1,3)}'],
    ])).toEqual([
      { stream: 'fast', acked: '13', above: '{}' },
      { stream: 'gap', acked: '10', above: '{[13,15)}' },
      { stream: 'new', acked: '2', above: '{}' },
    ]);
    // The gap's seqs come; a refused seq is done without being written.
    expect(await record([['gap', '{[11,12)}', '{[11,13)}'], ['fast', '{}', '{[14,15)}']])).toEqual([
      { stream: 'fast', acked: '14', above: '{}' },
      { stream: 'gap', acked: '14', above: '{}' },
    ]);
  });

  it('sends each stream its common path did not update, in any order, to the general one, and returns every stream once', async () => {
    // Out of key order (the common path updates in key order), every third stream on the general path (a gap).
    const names = Array.from({ length: 300 }, (_, i) => `s${String(299 - i).padStart(3, '0')}`);
    await db.pool.query(`INSERT INTO plugin_streams (owner, stream, acked) SELECT 'secret', name, 10 FROM unnest($1::text[]) AS name`, [names]);
    const gap = (name: string): boolean => Number(name.slice(1)) % 3 === 0;
    const rows = await record(names.map((name) => [name, gap(name) ? '{[12,13)}' : '{[11,13)}', gap(name) ? '{[12,13)}' : '{[11,13)}']));
    expect(rows).toHaveLength(300);
    expect(rows).toEqual([...names].sort().map((name) => ({ stream: name, acked: gap(name) ? '10' : '12', above: gap(name) ? '{[12,13)}' : '{}' })));
  });

  it('refuses with LS409 a batch writing a seq already done, on the common path and the general one', async () => {
    await db.pool.query("INSERT INTO plugin_streams (owner, stream, acked, done_above) VALUES ('secret', 'done', 20, '{}'), ('secret', 'above', 20, '{[25,26)}')");
    await expect(record([['done', '{[20,22)}', '{[20,22)}']])).rejects.toMatchObject({ code: 'LS409' });
    await expect(record([['above', '{[25,26)}', '{[25,26)}']])).rejects.toMatchObject({ code: 'LS409' });
    const { rows } = await db.pool.query("SELECT stream, acked::int, done_above::text FROM plugin_streams WHERE stream IN ('done', 'above') ORDER BY stream");
    expect(rows).toEqual([{ stream: 'above', acked: 20, done_above: '{[25,26)}' }, { stream: 'done', acked: 20, done_above: '{}' }]);
  });
});
