import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CursorStore } from './cursors.js';

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'lifestone-cursors-'));
});
afterEach(() => rm(folder, { recursive: true, force: true }));

describe('CursorStore', () => {
  it('starts empty without a file, and keeps what it was told across a reopen', async () => {
    const store = await CursorStore.open(path.join(folder, 'discord'));
    expect(store.get('death')).toBeUndefined();
    await store.set('death', { cursor: 'YWxlcnQ6NDI', id: '42' });
    await store.set('rare.great', { cursor: null, id: null });
    const reopened = await CursorStore.open(path.join(folder, 'discord'));
    expect(reopened.get('death')).toEqual({ cursor: 'YWxlcnQ6NDI', id: '42' });
    expect(reopened.get('rare.great')).toEqual({ cursor: null, id: null });
    expect(JSON.parse(await readFile(path.join(folder, 'discord', 'state.json'), 'utf8'))).toMatchObject({ version: 1, routes: { death: { id: '42' } } });
  });

  it('writes in order, the last state last, and leaves no temporary file behind', async () => {
    const store = await CursorStore.open(folder);
    await Promise.all(Array.from({ length: 50 }, (_, n) => store.set('death', { cursor: `c${n}`, id: String(n) })));
    expect((await CursorStore.open(folder)).get('death')).toEqual({ cursor: 'c49', id: '49' });
    expect(await readdir(folder)).toEqual(['state.json']);
  });

  it('refuses a file that is not JSON, saying how to recover', async () => {
    await writeFile(path.join(folder, 'state.json'), '{"version":1,"rou');
    await expect(CursorStore.open(folder)).rejects.toThrow(/state\.json is not JSON .*delete it to start every route from the newest alert/);
  });
});
