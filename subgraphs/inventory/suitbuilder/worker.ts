/**
 * A search thread: reads the items of one suit search given as `workerData`
 * (or takes them as given), runs the search and posts its events, or a
 * refusal when the query cannot run.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadSuitItems, type SuitItemSource } from './load.js';
import { SuitQueryError, searchSuits } from './search.js';
import type { SuitItem, SuitQuery } from './types.js';

/** What the search thread posts besides the search's own events. */
export interface SearchRefused {
  kind: 'REFUSED';
  message: string;
}

if (!parentPort) throw new Error('suitbuilder/worker.ts runs as a worker thread of the inventory subgraph');
const port = parentPort;
const { items, source, query } = workerData as { items?: SuitItem[]; source?: SuitItemSource; query: SuitQuery };
try {
  searchSuits(items ?? (await loadSuitItems(source as SuitItemSource)), query, (event) => port.postMessage(event));
} catch (error) {
  if (!(error instanceof SuitQueryError)) throw error;
  port.postMessage({ kind: 'REFUSED', message: error.message } satisfies SearchRefused);
}
