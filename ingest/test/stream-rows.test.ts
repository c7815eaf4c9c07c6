import { describe, expect, it } from 'vitest';
import { createLogger } from '@lifestone/lib/log';
import { useTestPool } from '@lifestone/test-kit/database';
import { createIngestMetrics } from '../src/metrics.js';
import { StreamLedger, type StreamRow, type StreamTracker } from '../src/streams/ledger.js';

/**
 * `lifestone_record_streams` (migrations 0040, 0045, 0057, 0058) on
 * PostgreSQL: the common case (seqs above what the row holds, reaching on
 * from `acked`) and the general one (gaps, resends, new rows) store the same
 * rows, a seq stored by another transaction is refused with LS409 on either
 * path, and a row is returned unless its `acked` is the last seq merged (the
 * writer knows that one).
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

  /** The rows of `streams` as stored. */
  const stored = async (streams: readonly string[]): Promise<Array<{ stream: string; acked: string; above: string }>> =>
    (await db.pool.query<{ stream: string; acked: string; above: string }>(
      'SELECT stream, acked::text, done_above::text AS above FROM plugin_streams WHERE stream = ANY($1::text[]) ORDER BY stream', [streams],
    )).rows;

  it('moves acked on for contiguous seqs, keeps gaps above it, and fills them later', async () => {
    await db.pool.query("INSERT INTO plugin_streams (owner, stream, acked) VALUES ('secret', 'fast', 10), ('secret', 'gap', 10)");
    // 'fast' reaches the last seq merged, 13: its row goes unsaid.
    expect(await record([
      ['fast', '{[11,14)}', '{[11,14)}'],
      ['gap', '{[13,15)}', '{[13,15)}'],
      ['new', '{[1,3)}', '{[1,3)}'],
    ])).toEqual([
      { stream: 'gap', acked: '10', above: '{[13,15)}' },
      { stream: 'new', acked: '2', above: '{}' },
    ]);
    expect(await stored(['fast', 'gap', 'new'])).toEqual([
      { stream: 'fast', acked: '13', above: '{}' },
      { stream: 'gap', acked: '10', above: '{[13,15)}' },
      { stream: 'new', acked: '2', above: '{}' },
    ]);
    // The gap's seqs come; a refused seq is done without being written.
    expect(await record([['gap', '{[11,12)}', '{[11,13)}'], ['fast', '{}', '{[14,15)}']])).toEqual([
      { stream: 'gap', acked: '14', above: '{}' },
    ]);
    expect(await stored(['fast', 'gap'])).toEqual([
      { stream: 'fast', acked: '14', above: '{}' },
      { stream: 'gap', acked: '14', above: '{}' },
    ]);
  });

  it('returns a common-path row whose acked is not the last seq merged: one past it, or nothing merged', async () => {
    await db.pool.query("INSERT INTO plugin_streams (owner, stream, acked) VALUES ('secret', 'past', 10), ('secret', 'none', 10)");
    // A resend refused again (seq 5, done long ago) leaves acked at 10; a stream with nothing merged is read as it stands.
    expect(await record([['past', '{}', '{[5,6)}'], ['none', '{}', '{}']])).toEqual([
      { stream: 'none', acked: '10', above: '{}' },
      { stream: 'past', acked: '10', above: '{}' },
    ]);
  });

  it('sends each stream its common path did not update, in any order, to the general one, and returns each of those once', async () => {
    // Out of key order (the common path updates in key order), every third stream on the general path (a gap).
    const names = Array.from({ length: 300 }, (_, i) => `s${String(299 - i).padStart(3, '0')}`);
    await db.pool.query(`INSERT INTO plugin_streams (owner, stream, acked) SELECT 'secret', name, 10 FROM unnest($1::text[]) AS name`, [names]);
    const gap = (name: string): boolean => Number(name.slice(1)) % 3 === 0;
    const rows = await record(names.map((name) => [name, gap(name) ? '{[12,13)}' : '{[11,13)}', gap(name) ? '{[12,13)}' : '{[11,13)}']));
    // The common path's streams reached 12, the last seq merged, and go unsaid.
    expect(rows).toEqual([...names].sort().filter(gap).map((name) => ({ stream: name, acked: '10', above: '{[12,13)}' })));
    expect(await stored(names)).toEqual([...names].sort().map((name) => ({ stream: name, acked: gap(name) ? '10' : '12', above: gap(name) ? '{[12,13)}' : '{}' })));
  });

  it('refuses with LS409 a batch writing a seq already done, on the common path and the general one', async () => {
    await db.pool.query("INSERT INTO plugin_streams (owner, stream, acked, done_above) VALUES ('secret', 'done', 20, '{}'), ('secret', 'above', 20, '{[25,26)}')");
    await expect(record([['done', '{[20,22)}', '{[20,22)}']])).rejects.toMatchObject({ code: 'LS409' });
    await expect(record([['above', '{[25,26)}', '{[25,26)}']])).rejects.toMatchObject({ code: 'LS409' });
    const { rows } = await db.pool.query("SELECT stream, acked::int, done_above::text FROM plugin_streams WHERE stream IN ('done', 'above') ORDER BY stream");
    expect(rows).toEqual([{ stream: 'above', acked: 20, done_above: '{[25,26)}' }, { stream: 'done', acked: 20, done_above: '{}' }]);
  });
});

describe('the stream ledger at a commit', () => {
  const db = useTestPool();

  it('acks a common-path stream up to the last seq it merged, though the statement returned no row of it', async () => {
    const ledger = new StreamLedger({ pool: db.pool, log: createLogger('stream-rows-test', 'silent'), metrics: createIngestMetrics() });
    const sent: string[] = [];
    try {
      const { tracker, acked } = await ledger.open('secret', 'inferred');
      expect(acked).toBe(0);
      ledger.attach(tracker, { sendText: (text) => sent.push(text) });
      // Seqs 1 to 3 merged on from acked 0: the common path, its row unsaid.
      const record = ledger.stage(new Map([[tracker, [[1, 3]] as Array<[number, number]>]]));
      const client = await db.pool.connect();
      let rows: StreamRow[];
      try {
        await client.query('BEGIN');
        ({ rows } = await client.query<StreamRow>(record.sql));
        await client.query('COMMIT');
      } finally {
        client.release();
      }
      expect(rows).toEqual([]);
      ledger.committed(record, rows);
      expect(tracker.acked).toBe(3);
      expect(sent.map((text) => JSON.parse(text) as unknown)).toEqual([{ type: 'ack', seq: 3 }]);
    } finally {
      await ledger.close();
    }
  });

  it('merges written seqs, refusals and gaps into the rows of streams whose names need quoting, over two transactions', async () => {
    const ledger = new StreamLedger({ pool: db.pool, log: createLogger('stream-rows-test', 'silent'), metrics: createIngestMetrics() });
    /** Stages seqs written per tracker, runs the statement in a transaction and commits it, as the writer does. */
    const commit = async (written: Map<StreamTracker, Array<[number, number]>>): Promise<void> => {
      const record = ledger.stage(written, written);
      const client = await db.pool.connect();
      try {
        await client.query('BEGIN');
        const { rows } = await client.query<StreamRow>(record.sql);
        await client.query('COMMIT');
        ledger.committed(record, rows);
      } finally {
        client.release();
      }
    };
    try {
      const { tracker: quotes } = await ledger.open("key:o'brien", 'quoted.stream');
      const { tracker: plain } = await ledger.open('secret', 'plain-stream');
      // 1-2 written and 3 refused; 1 written.
      quotes.unrecorded = [[3, 3]];
      await commit(new Map([[quotes, [[1, 2]]], [plain, [[1, 1]]]]));
      expect([quotes.acked, plain.acked]).toEqual([3, 1]);
      // 4 written on each; 2-3 given up by the second stream's plugin.
      plain.unrecorded = [[2, 3]];
      await commit(new Map([[quotes, [[4, 4]]], [plain, [[4, 4]]]]));
      expect([quotes.acked, plain.acked]).toEqual([4, 4]);
      const { rows } = await db.pool.query<{ owner: string; stream: string; acked: string; above: string }>(
        "SELECT owner, stream, acked::text, done_above::text AS above FROM plugin_streams WHERE stream IN ('quoted.stream', 'plain-stream') ORDER BY stream",
      );
      expect(rows).toEqual([
        { owner: 'secret', stream: 'plain-stream', acked: '4', above: '{}' },
        { owner: "key:o'brien", stream: 'quoted.stream', acked: '4', above: '{}' },
      ]);
    } finally {
      await ledger.close();
    }
  });
});
