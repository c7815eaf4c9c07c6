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
      /** Characters whose items changed since the last request, or `all` when the subgraph may have missed some. */
      changed: ChangedItems;
    }
  | { kind: 'warm'; connection: pg.ClientConfig; changed: ChangedItems };

/** Whose items changed: these characters, or anyone's (`all`: read every item again). */
export type ChangedItems = string[] | 'all';

/** What the search thread posts: a search's events, DONE last, or why it ended without one. */
export type ThreadReply =
  | { id: number; kind: 'EVENT'; event: SearchEvent }
  | { id: number; kind: 'REFUSED'; message: string }
  | { id: number; kind: 'FAILED'; message: string };

/** The thread's start data. */
export interface ThreadData {
  /** The flag the subgraph sets to a search's id to stop it. */
  cancel: SharedArrayBuffer;
  /** How many of the subgraph's other requests it is answering (see `answering` in core-share.ts). */
  answering: SharedArrayBuffer;
}

/** While the subgraph answers other requests, the search runs in turns of `TURN_MS`, each after a wait of `WAIT_MS` at most (or until they are all answered): a quarter of a core. */
const TURN_MS = 4;
const WAIT_MS = 12;

if (!parentPort) throw new Error('suitbuilder/worker.ts runs as a worker thread of the inventory subgraph');
const port = parentPort;
const cancel = new Int32Array((workerData as ThreadData).cancel);
const answering = new Int32Array((workerData as ThreadData).answering);
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
    else searchSuits(items, query, (event) => reply({ id, kind: 'EVENT', event }), { shouldStop: stopped, pause: takeTurns });
  } catch (error) {
    if (error instanceof SuitQueryError) reply({ id, kind: 'REFUSED', message: error.message });
    else reply({ id, kind: 'FAILED', message: error instanceof Error ? error.message : String(error) });
  }
}

let turnEnds = 0;

/**
 * A search is CPU-bound for about a hundred milliseconds; the subgraph's
 * other requests are short, and each needs a core now: for its event loop,
 * PostgreSQL, the gateway. While any is being answered the search takes at
 * most a quarter of a core: it waits (until they are all answered, at most
 * `WAIT_MS`), then runs `TURN_MS`. The thread's nice value alone does not
 * do it: it ranks the thread only among its own process group's threads, not
 * against PostgreSQL's processes.
 */
function takeTurns(): void {
  if (Atomics.load(answering, 0) === 0) return;
  const now = performance.now();
  if (now < turnEnds) return;
  const waitEnds = now + WAIT_MS;
  for (let count = Atomics.load(answering, 0), left = WAIT_MS; count !== 0 && left > 0; count = Atomics.load(answering, 0), left = waitEnds - performance.now()) {
    Atomics.wait(answering, 0, count, left);
  }
  turnEnds = performance.now() + TURN_MS;
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
