/**
 * The search thread: runs the searches the subgraph hands it, one at a time,
 * and posts their events. It keeps the fleet's wearable items between
 * searches (see `SuitItemCache`), so that a search starts from memory and
 * from code the engine has already optimised.
 */
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import type pg from 'pg';
import { SuitItemCache } from './load.js';
import { SuitQueryError, searchSuits } from './search.js';
import type { SearchEvent, SuitItem, SuitQuery } from './types.js';

/** What the subgraph sends the search thread. */
export type ThreadRequest =
  | {
      kind: 'search';
      id: number;
      query: SuitQuery;
      /** The items to search among; when absent, those of `source` from the cache. */
      items?: readonly SuitItem[];
      source?: { connection: pg.ClientConfig; characters: string[] | null; includeEquipped: boolean };
      /** Characters whose items changed since the last request. */
      changed: string[];
    }
  | { kind: 'warm'; connection: pg.ClientConfig; changed: string[] };

/** What the search thread posts: a search's events, DONE last, or why it ended without one. */
export type ThreadReply =
  | { id: number; kind: 'EVENT'; event: SearchEvent }
  | { id: number; kind: 'REFUSED'; message: string }
  | { id: number; kind: 'FAILED'; message: string };

/** The thread's start data: the flag the subgraph sets to a search's id to stop it. */
export interface ThreadData {
  cancel: SharedArrayBuffer;
}

if (!parentPort) throw new Error('suitbuilder/worker.ts runs as a worker thread of the inventory subgraph');
const port = parentPort;
const cancel = new Int32Array((workerData as ThreadData).cancel);
lowerPriority();

let cache: SuitItemCache | null = null;
let cacheConnection = '';
const cacheFor = (connection: pg.ClientConfig): SuitItemCache => {
  const key = JSON.stringify(connection);
  if (!cache || key !== cacheConnection) {
    cache = new SuitItemCache(connection);
    cacheConnection = key;
  }
  return cache;
};

// Requests run one after the other: a warm-up read finishes before the search that follows it.
let chain = Promise.resolve();
port.on('message', (request: ThreadRequest) => {
  chain = chain.then(() => handle(request));
});

async function handle(request: ThreadRequest): Promise<void> {
  if (request.kind === 'warm') {
    const items = cacheFor(request.connection);
    items.changed(request.changed);
    await items.items([], true).catch(() => {});
    return;
  }
  const { id, query } = request;
  const reply = (message: ThreadReply): void => port.postMessage(message);
  const stopped = (): boolean => Atomics.load(cancel, 0) === id;
  try {
    let items = request.items;
    if (!items) {
      const { connection, characters, includeEquipped } = request.source as NonNullable<typeof request.source>;
      const source = cacheFor(connection);
      source.changed(request.changed);
      items = await source.items(characters, includeEquipped);
    }
    if (stopped()) reply({ id, kind: 'FAILED', message: 'stopped before it started' });
    else searchSuits(items, query, (event) => reply({ id, kind: 'EVENT', event }), { shouldStop: stopped });
  } catch (error) {
    if (error instanceof SuitQueryError) reply({ id, kind: 'REFUSED', message: error.message });
    else reply({ id, kind: 'FAILED', message: error instanceof Error ? error.message : String(error) });
  }
}

/**
 * Searches are long and CPU-bound; the subgraph's other requests are short.
 * On Linux a thread has its own nice value: lowering this one's lets the
 * event loop and PostgreSQL go first when the cores are busy.
 */
function lowerPriority(): void {
  try {
    const thread = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(thread)) setPriority(thread, 10);
  } catch {
    // Not Linux, or not allowed: the search runs at the process's priority.
  }
}
