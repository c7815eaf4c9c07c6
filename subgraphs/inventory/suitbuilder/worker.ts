/**
 * A search thread: given one suit search in its first message, reads its
 * items (or takes them as given), runs the search and posts its events, or a
 * refusal when the query cannot run; then ends.
 */
import { parentPort } from 'node:worker_threads';
import { loadSuitItems, type SuitItemSource } from './load.js';
import type { SearchJob } from './runner.js';
import { SuitQueryError, searchSuits } from './search.js';

/** What the search thread posts besides the search's own events. */
export interface SearchRefused {
  kind: 'REFUSED';
  message: string;
}

if (!parentPort) throw new Error('suitbuilder/worker.ts runs as a worker thread of the inventory subgraph');
const port = parentPort;
// The job comes as the first message: the thread may have been started, and loaded, before it was known.
port.once('message', ({ items, source, query }: SearchJob) => {
  void (async () => {
    try {
      searchSuits(items ?? (await loadSuitItems(source as SuitItemSource)), query, (event) => port.postMessage(event));
    } catch (error) {
      if (!(error instanceof SuitQueryError)) throw error;
      port.postMessage({ kind: 'REFUSED', message: error.message } satisfies SearchRefused);
    }
    port.close();
  })();
});
