/**
 * The events of one answer as the async iterator `ask` returns: every event
 * pushed is delivered, in order (an answer is bounded, and a lost token would
 * garble it), then the iterator ends after `end()`. A subscriber that leaves
 * first (client `complete`, socket closed) runs `onCancel` once.
 */
export class AnswerStream<T> implements AsyncIterableIterator<T> {
  private readonly queue: T[] = [];
  private waiting: ((result: IteratorResult<T>) => void) | undefined;
  private ended = false;
  private cancelled = false;

  constructor(private readonly onCancel: () => void) {}

  push(value: T): void {
    if (this.ended) return;
    const waiting = this.waiting;
    this.waiting = undefined;
    if (waiting) waiting({ value, done: false });
    else this.queue.push(value);
  }

  /** No more events: the subscriber gets those queued, then the end. */
  end(): void {
    this.ended = true;
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.({ value: undefined, done: true });
  }

  next(): Promise<IteratorResult<T>> {
    if (this.queue.length > 0) return Promise.resolve({ value: this.queue.shift() as T, done: false });
    if (this.ended) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => (this.waiting = resolve));
  }

  async return(): Promise<IteratorResult<T>> {
    const early = !this.ended;
    this.queue.length = 0;
    this.end();
    if (early && !this.cancelled) {
      this.cancelled = true;
      this.onCancel();
    }
    return { value: undefined, done: true };
  }

  async throw(error: unknown): Promise<IteratorResult<T>> {
    await this.return();
    throw error;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}
