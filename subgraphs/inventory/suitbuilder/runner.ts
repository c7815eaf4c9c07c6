/**
 * The subgraph's side of the search thread: searches queue and run there
 * one at a time, so the subgraph keeps answering everything else at full
 * speed, and each search's events come back as an async iterator.
 */

import { Worker } from 'node:worker_threads';
import { othersAnswering } from './core-share.js';
import { SuitQueryError } from './search.js';
import type { SearchEvent, SuitItem, SuitQuery } from './types.js';
import type { SuitItemSource } from './load.js';
import type { ChangedItems, ThreadData, ThreadReply, ThreadRequest } from './worker.js';

const WORKER_URL = new URL('./worker-entry.mjs', import.meta.url);

export interface SearchThreadOptions {
  /** The search thread's script. @default worker-entry.mjs beside this file */
  workerUrl?: URL;
}

export interface RunOptions {
  /** Aborting ends the search: it is dropped from the queue, or stopped in the thread, and the iterator ends. */
  signal?: AbortSignal;
}

/** A search waiting for, or holding, the thread. */
interface Job {
  id: number;
  request: Extract<ThreadRequest, { kind: 'search' }>;
  deliver(reply: ThreadReply): void;
  fail(error: Error): void;
  /** Set once the consumer has left: the thread's later replies for it are dropped. */
  left: boolean;
}

/**
 * One search thread and its queue. The thread stays up between searches
 * (idle, it does not keep the process alive) and keeps the fleet's wearable
 * items; `itemsChanged` tells it which characters to read again. A thread
 * that crashes fails its search and is replaced for the next one.
 */
export class SuitSearchThread {
  private worker: Worker | null = null;
  private readonly cancel = new Int32Array(new SharedArrayBuffer(4));
  private readonly waiting: Job[] = [];
  private running: Job | null = null;
  private readonly changed = new Set<string>();
  /** Whether anyone's items may have changed unannounced (the pubsub lost messages): the thread reads them all again. */
  private everything = false;
  private nextId = 1;

  constructor(private readonly options: SearchThreadOptions = {}) {}

  /** The items of `character` changed, or it has items for the first time. */
  itemsChanged(character: string): void {
    this.changed.add(character);
  }

  /** Anyone's items may have changed (the subgraph missed what ingest published): the thread reads every item again. */
  allItemsChanged(): void {
    this.everything = true;
    this.changed.clear();
  }

  /** Starts the thread and has it read the fleet's items now, so that the first search does not wait for either. */
  warm(source?: Pick<SuitItemSource, 'connection'>): void {
    const worker = this.thread();
    if (source) worker.postMessage({ kind: 'warm', connection: source.connection, changed: this.takeChanged() } satisfies ThreadRequest);
  }

  /**
   * Searches suits among `items`, or among the items of a {@link SuitItemSource},
   * and yields the search's events, DONE last. Searches queue: one runs at a
   * time. A query the search refuses (locked pieces) throws a `SuitQueryError`;
   * a crashed thread throws an Error.
   */
  search(items: readonly SuitItem[] | SuitItemSource, query: SuitQuery, options: RunOptions = {}): AsyncIterableIterator<SearchEvent> {
    const events: SearchEvent[] = [];
    let failure: Error | null = null;
    let finished = false;
    let wake: (() => void) | null = null;
    const notify = (): void => {
      const resume = wake;
      wake = null;
      resume?.();
    };
    const id = this.nextId++;
    const job: Job = {
      id,
      request: { kind: 'search', id, query, changed: [], ...('connection' in items ? { source: items } : { items }) },
      left: false,
      deliver: (reply) => {
        if (reply.kind === 'EVENT') {
          events.push(reply.event);
          if (reply.event.kind === 'DONE') finished = true;
        } else {
          failure = reply.kind === 'REFUSED' ? new SuitQueryError(reply.message) : new Error(`The suit search failed: ${reply.message}`);
          finished = true;
        }
        notify();
      },
      fail: (error) => {
        failure = error;
        finished = true;
        notify();
      },
    };
    const leave = (): void => {
      if (job.left) return;
      job.left = true;
      finished = true;
      events.length = 0;
      options.signal?.removeEventListener('abort', leave);
      this.drop(job);
      notify();
    };
    if (options.signal?.aborted) leave();
    else {
      options.signal?.addEventListener('abort', leave, { once: true });
      this.waiting.push(job);
      this.next();
    }

    const iterator: AsyncIterableIterator<SearchEvent> = {
      async next(): Promise<IteratorResult<SearchEvent>> {
        for (;;) {
          const event = events.shift();
          if (event) return { value: event, done: false };
          if (failure) {
            const error = failure;
            failure = null;
            throw error;
          }
          if (finished) return { value: undefined, done: true };
          await new Promise<void>((resolve) => (wake = resolve));
        }
      },
      async return(): Promise<IteratorResult<SearchEvent>> {
        failure = null;
        leave();
        return { value: undefined, done: true };
      },
      [Symbol.asyncIterator]() {
        return iterator;
      },
    };
    return iterator;
  }

  /** Stops the thread; searches still queued or running fail. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    const jobs = [...(this.running ? [this.running] : []), ...this.waiting.splice(0)];
    this.running = null;
    for (const job of jobs) job.fail(new Error('The suit search stopped: the subgraph is shutting down.'));
    await worker?.terminate();
  }

  /** A consumer left: a waiting search is dropped; a running one is told to stop (its thread moves on once it has). */
  private drop(job: Job): void {
    const at = this.waiting.indexOf(job);
    if (at >= 0) this.waiting.splice(at, 1);
    else if (this.running === job) Atomics.store(this.cancel, 0, job.id);
  }

  private next(): void {
    if (this.running) return;
    const job = this.waiting.shift();
    if (!job) {
      this.worker?.unref();
      return;
    }
    this.running = job;
    const worker = this.thread();
    worker.ref();
    Atomics.store(this.cancel, 0, 0);
    worker.postMessage({ ...job.request, changed: this.takeChanged() } satisfies ThreadRequest);
  }

  private takeChanged(): ChangedItems {
    const changed: ChangedItems = this.everything ? 'all' : [...this.changed];
    this.everything = false;
    this.changed.clear();
    return changed;
  }

  private thread(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.options.workerUrl ?? WORKER_URL, { name: 'lifestone-suit-search', workerData: { cancel: this.cancel.buffer as SharedArrayBuffer, answering: othersAnswering.buffer as SharedArrayBuffer } satisfies ThreadData });
    worker.unref();
    worker.on('message', (reply: ThreadReply) => {
      const job = this.running;
      if (!job || reply.id !== job.id) return;
      if (!job.left) job.deliver(reply);
      if (reply.kind !== 'EVENT' || reply.event.kind === 'DONE') {
        this.running = null;
        this.next();
      }
    });
    const lost = (error: Error): void => {
      if (this.worker !== worker) return;
      this.worker = null;
      const job = this.running;
      this.running = null;
      // A new thread has none of the items the old one kept: it reads them whole.
      this.changed.clear();
      this.everything = false;
      if (job && !job.left) job.fail(error);
      this.next();
    };
    worker.on('error', (error) => lost(new Error(`The suit search failed: ${error.message}`, { cause: error })));
    worker.on('exit', (code) => lost(new Error(`The suit search's thread stopped unexpectedly (exit code ${code}).`)));
    this.worker = worker;
    return worker;
  }
}
