import type { PoolClient } from 'pg';
import { describe, expect, it } from 'vitest';
import { useTestPool } from '@lifestone/test-kit/database';
import { copyLines, copyMany, copyRows } from '../src/store/copy.js';
import { recordStatements } from './statements.js';

/**
 * COPY FROM STDIN with its data sent beside its query (store/copy.ts): the
 * rows arrive as encoded, and a refusal, before the data or in the middle
 * of it, is the COPY's error alone: the connection serves the next
 * statement, the data that followed the refusal ignored.
 */

const db = useTestPool(1);

async function withTable<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await db.pool.connect();
  try {
    await client.query('CREATE TEMPORARY TABLE IF NOT EXISTS copied (n integer, label text)');
    await client.query('CREATE TEMPORARY TABLE IF NOT EXISTS also_copied (word text)');
    await client.query('TRUNCATE copied, also_copied');
    return await work(client);
  } finally {
    client.release();
  }
}

describe('copyLines', () => {
  it('stores text, UTF-8 and UTF-8 in pieces, each as encoded', async () => {
    await withTable(async (client) => {
      await copyRows(client, 'copied', ['n', 'label'], [[1, 'tab\there'], [2, 'back\\slash'], [3, null]]);
      await copyLines(client, 'copied', ['n', 'label'], Buffer.from('4\tüñï\n'));
      await copyLines(client, 'copied', ['n', 'label'], [Buffer.from('5\tfive\n6\tsix\n'), new Uint8Array(0), Buffer.from('7\tseven\n')]);
      const { rows } = await client.query('SELECT n, label FROM copied ORDER BY n');
      expect(rows).toEqual([
        { n: 1, label: 'tab\there' }, { n: 2, label: 'back\\slash' }, { n: 3, label: null }, { n: 4, label: 'üñï' },
        { n: 5, label: 'five' }, { n: 6, label: 'six' }, { n: 7, label: 'seven' },
      ]);
    });
  });

  it('fails alone when the table is refused before its data is read, the connection going on', async () => {
    await withTable(async (client) => {
      await expect(copyLines(client, 'no_such_table', ['n'], ['1\n2\n'].map((text) => Buffer.from(text)))).rejects.toMatchObject({ code: '42P01' });
      await copyLines(client, 'copied', ['n', 'label'], '8\teight\n');
      expect((await client.query('SELECT n, label FROM copied')).rows).toEqual([{ n: 8, label: 'eight' }]);
    });
  });

  it('fails alone on a row PostgreSQL refuses, storing none of its rows, the rest of its data ignored', async () => {
    await withTable(async (client) => {
      const pieces = [Buffer.from('1\tone\n'), Buffer.from('two\tnot a number\n'), Buffer.from('3\tthree\n')];
      await expect(copyLines(client, 'copied', ['n', 'label'], pieces)).rejects.toMatchObject({ code: '22P02' });
      expect((await client.query('SELECT count(*)::int AS n FROM copied')).rows).toEqual([{ n: 0 }]);
      await copyLines(client, 'copied', ['n', 'label'], '9\tnine\n');
      expect((await client.query('SELECT n, label FROM copied')).rows).toEqual([{ n: 9, label: 'nine' }]);
    });
  });
});

describe('copyMany', () => {
  const contents = async (client: PoolClient) => ({
    copied: (await client.query('SELECT n FROM copied ORDER BY n')).rows.map((row) => row.n),
    also: (await client.query('SELECT word FROM also_copied ORDER BY word')).rows.map((row) => row.word),
  });

  it('writes several tables in one round trip, each its own rows, and skips the empty ones', async () => {
    await withTable(async (client) => {
      const { statements, restore } = recordStatements(client);
      try {
        await copyMany(client, [
          { table: 'copied', columns: ['n', 'label'], text: [Buffer.from('1\tone\n'), Buffer.from('2\ttwo\n')] },
          { table: 'no_such_table', columns: ['n'], text: [] },
          { table: 'also_copied', columns: ['word'], text: 'ayan\nbaqur\n' },
          { table: 'copied', columns: ['n'], text: '3\n' },
        ]);
      } finally {
        restore();
      }
      expect(statements).toEqual(['COPY copied (n, label) FROM STDIN; COPY also_copied (word) FROM STDIN; COPY copied (n) FROM STDIN']);
      expect(await contents(client)).toEqual({ copied: [1, 2, 3], also: ['ayan', 'baqur'] });
    });
  });

  it('fails whole when any of its COPYs is refused, the first or a later one, the connection going on', async () => {
    await withTable(async (client) => {
      await client.query('BEGIN');
      await expect(copyMany(client, [
        { table: 'copied', columns: ['n'], text: 'one\n' },
        { table: 'also_copied', columns: ['word'], text: 'never\n' },
      ])).rejects.toMatchObject({ code: '22P02' });
      await client.query('ROLLBACK');
      await client.query('BEGIN');
      await expect(copyMany(client, [
        { table: 'copied', columns: ['n'], text: '1\n' },
        { table: 'also_copied', columns: ['word'], text: 'too\tmany\n' },
      ])).rejects.toMatchObject({ code: '22P04' });
      await client.query('ROLLBACK');
      await copyMany(client, [{ table: 'also_copied', columns: ['word'], text: 'after\n' }]);
      expect(await contents(client)).toEqual({ copied: [], also: ['after'] });
    });
  });
});
