/**
 * Runs a suit search on a worker thread of its own, so the subgraph keeps
 * answering everything else at full speed, and streams its events.
 */

import { Worker } from 'node:worker_threads';
import { SuitQueryError } from './search.js';
import type { SearchEvent, SuitItem, SuitQuery } from './types.js';
import type { SuitItemSource } from './load.js';
import type { SearchRefused } from './worker.js';

export interface RunOptions {
  /** Aborting ends the search: the thread is terminated and the iterator ends. */
  signal?: AbortSignal;
  /** Called once the search thread has exited, with its exit code (for monitoring and tests). */
  onExit?: (code: number) => void;
  /** The search thread's script. @default worker-entry.mjs beside this file */
  workerUrl?: URL;
}

const WORKER_URL = new URL('./worker-entry.mjs', import.meta.url);

/** What a search thread is given to do, in its first message. */
export interface SearchJob {
  items?: readonly SuitItem[];
  source?: SuitItemSource;
  query: SuitQuery;
}

/**
 * A search thread started ahead of the next search: starting one (loading
 * its code) takes longer than most searches, so one waits, idle and not
 * keeping the process alive, and the next search takes it.
 */
let spare: Worker | undefined;

function startSpare(): Worker {
  const worker = new Worker(WORKER_URL, { name: 'lifestone-suit-search' });
  worker.unref();
  // One that dies idle is not handed out.
  const forget = (): void => {
    if (spare === worker) spare = undefined;
  };
  worker.once('exit', forget);
  worker.once('error', forget);
  return worker;
}

/** Starts the spare search thread now, so that the first search does not wait for it (the Suitbuilder's pickers call this). */
export function warmSuitSearch(): void {
  spare ??= startSpare();
}

function takeSpare(): Worker {
  const worker = spare ?? startSpare();
  spare = startSpare();
  worker.ref();
  return worker;
}

/**
 * Searches suits on a new worker thread and yields its events, DONE last:
 * among `items`, or among the items the thread reads from a {@link SuitItemSource}.
 * The thread ends with the search, when `signal` aborts, or when the consumer
 * stops early (`return()`). A query the search refuses (locked pieces) throws a
 * `SuitQueryError`; a crashed thread throws an Error.
 */
export function runSuitSearch(items: readonly SuitItem[] | SuitItemSource, query: SuitQuery, options: RunOptions = {}): AsyncIterableIterator<SearchEvent> {
  const queue: SearchEvent[] = [];
  let failure: Error | null = null;
  let finished = false;
  let wake: (() => void) | null = null;
  const notify = (): void => {
    const resume = wake;
    wake = null;
    resume?.();
  };
  const worker = options.workerUrl ? new Worker(options.workerUrl, { name: 'lifestone-suit-search' }) : takeSpare();
  const job: SearchJob = 'connection' in items ? { source: items, query } : { items, query };
  worker.postMessage(job);
  const stop = (): void => {
    if (!finished) {
      finished = true;
      void worker.terminate();
    }
    options.signal?.removeEventListener('abort', abort);
    notify();
  };
  worker.on('message', (message: SearchEvent | SearchRefused) => {
    if (finished) return;
    if (message.kind === 'REFUSED') {
      failure = new SuitQueryError(message.message);
      finished = true;
    } else {
      queue.push(message);
      if (message.kind === 'DONE') finished = true;
    }
    notify();
  });
  worker.on('error', (error) => {
    if (!finished) failure = new Error(`The suit search failed: ${error.message}`, { cause: error });
    finished = true;
    notify();
  });
  worker.on('exit', (code) => {
    if (!finished) failure = new Error(`The suit search's thread stopped unexpectedly (exit code ${code}).`);
    finished = true;
    options.signal?.removeEventListener('abort', abort);
    notify();
    options.onExit?.(code);
  });
  const abort = (): void => {
    queue.length = 0;
    stop();
  };
  if (options.signal?.aborted) abort();
  else options.signal?.addEventListener('abort', abort, { once: true });

  const iterator: AsyncIterableIterator<SearchEvent> = {
    async next(): Promise<IteratorResult<SearchEvent>> {
      for (;;) {
        const event = queue.shift();
        if (event) return { value: event, done: false };
        if (failure) {
          const error = failure;
          failure = null;
          queue.length = 0;
          throw error;
        }
        if (finished) return { value: undefined, done: true };
        await new Promise<void>((resolve) => (wake = resolve));
      }
    },
    async return(): Promise<IteratorResult<SearchEvent>> {
      queue.length = 0;
      failure = null;
      stop();
      return { value: undefined, done: true };
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}
