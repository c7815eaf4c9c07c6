import type { GraphQLError } from 'graphql';
import { describe, expect, it, vi } from 'vitest';
import { MAX_QUEUED, MAX_QUEUED_BUSY, PushIterator, subscriberOverflows } from './push-iterator.js';

/** The stall time these tests give their iterators: short, so that they run in well under a second. */
const STALL_MS = 300;

/** Values a subscriber with `maxQueued` may have waiting however it reads: past it, it is ended at once. */
const busyBound = (maxQueued: number): number => maxQueued * (MAX_QUEUED_BUSY / MAX_QUEUED);

describe('PushIterator', () => {
  it('end(): delivers what is queued, then is done, without running onClose', async () => {
    let closed = 0;
    const iterator = new PushIterator<number>(() => void (closed += 1), { maxQueued: Number.POSITIVE_INFINITY });
    for (let value = 0; value < 3; value += 1) iterator.push(value);
    iterator.end();
    iterator.push(99);
    const seen: number[] = [];
    for await (const value of iterator) seen.push(value);
    expect(seen).toEqual([0, 1, 2]);
    await iterator.return();
    expect(closed).toBe(0);
  });

  it('end() releases a consumer that is waiting', async () => {
    const iterator = new PushIterator<number>(() => undefined);
    const waiting = iterator.next();
    iterator.end();
    expect(await waiting).toEqual({ value: undefined, done: true });
  });

  it('return() before the end runs onClose once and drops what is queued', async () => {
    let closed = 0;
    const iterator = new PushIterator<number>(() => void (closed += 1));
    iterator.push(1);
    await iterator.return();
    await iterator.return();
    expect(closed).toBe(1);
    expect(await iterator.next()).toEqual({ value: undefined, done: true });
  });

  it('with no bound on the queue, keeps every value of a slow reader', async () => {
    const iterator = new PushIterator<number>(() => undefined, { maxQueued: Number.POSITIVE_INFINITY });
    for (let value = 0; value < 5_000; value += 1) iterator.push(value);
    iterator.end();
    let count = 0;
    for await (const _ of iterator) count += 1;
    expect(count).toBe(5_000);
  });

  it('waits LIFESTONE_SUBSCRIBER_STALL_MS, 30 s by default, for a subscriber that takes nothing: a congested connection on a busy machine takes nothing for seconds', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    try {
      let closed = 0;
      const iterator = new PushIterator<number>(() => void (closed += 1), { maxQueued: 2 });
      for (let value = 0; value < 3; value += 1) iterator.push(value);
      await vi.advanceTimersByTimeAsync(29_000);
      expect(closed).toBe(0);
      await vi.advanceTimersByTimeAsync(1_500);
      expect(closed).toBe(1);
      await expect(iterator.next()).rejects.toMatchObject({ extensions: { code: 'SUBSCRIBER_TOO_SLOW' } });
    } finally {
      vi.useRealTimers();
    }
  });

  it('past maxQueued with nothing taken for stallMs, lets go of its source and ends with SUBSCRIBER_TOO_SLOW: no value is lost unannounced', async () => {
    let closed = 0;
    const iterator = new PushIterator<number>(() => void (closed += 1), { maxQueued: 2, stallMs: STALL_MS });
    for (let value = 0; value < 3; value += 1) iterator.push(value);
    // Its subscriber took nothing: it ends once stallMs passed.
    expect(closed).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, STALL_MS + 200));
    expect(closed).toBe(1);
    iterator.push(4);
    await expect(iterator.next()).rejects.toMatchObject({ extensions: { code: 'SUBSCRIBER_TOO_SLOW', limit: 2 } });
    expect(await iterator.next()).toEqual({ value: undefined, done: true });
    await iterator.return();
    expect(closed).toBe(1);
  });

  it('end(last): delivers what is queued, then last, though past the busy bound, then is done', async () => {
    const iterator = new PushIterator<number>(() => undefined, { maxQueued: 2 });
    for (let value = 0; value < busyBound(2); value += 1) iterator.push(value);
    iterator.end(-1);
    iterator.push(99);
    const seen: number[] = [];
    for await (const value of iterator) seen.push(value);
    expect(seen).toEqual([...Array.from({ length: busyBound(2) }, (_, value) => value), -1]);
  });

  it('end(last) hands last to a consumer that is waiting, then is done', async () => {
    const iterator = new PushIterator<number>(() => undefined);
    const waiting = iterator.next();
    iterator.end(-1);
    expect(await waiting).toEqual({ value: -1, done: false });
    expect(await iterator.next()).toEqual({ value: undefined, done: true });
  });

  it('with onTooSlow and errorResult, a subscriber past the busy bound is counted by its owner and told by a last value: its source let go at once', async () => {
    let closed = 0;
    let tooSlow = 0;
    const before = subscriberOverflows().tooSlow;
    const iterator = new PushIterator<number | { errors: GraphQLError[] }>(() => void (closed += 1), {
      maxQueued: 2,
      onTooSlow: () => void (tooSlow += 1),
      errorResult: (error) => ({ errors: [error] }),
    });
    for (let value = 0; value <= busyBound(2); value += 1) iterator.push(value);
    expect(closed).toBe(1);
    expect(tooSlow).toBe(1);
    expect(subscriberOverflows().tooSlow).toBe(before);
    iterator.push(99);
    iterator.end(-1);
    expect(await iterator.next()).toEqual({
      value: {
        errors: [
          expect.objectContaining({
            message: "This subscription fell more than 2 values behind and was ended so that no value is lost unannounced: subscribe again, and fill the gap from the queries' history.",
            extensions: { code: 'SUBSCRIBER_TOO_SLOW', limit: 2 },
          }),
        ],
      },
      done: false,
    });
    expect(await iterator.next()).toEqual({ value: undefined, done: true });
    await iterator.return();
    expect(closed).toBe(1);
  });

  it('interrupt(): delivers what is queued, then rejects with LIVE_FEED_INTERRUPTED, lets go of its source at once, and is counted', async () => {
    let closed = 0;
    const before = subscriberOverflows().interrupted;
    const iterator = new PushIterator<number>(() => void (closed += 1));
    iterator.push(1);
    iterator.push(2);
    iterator.interrupt();
    iterator.interrupt();
    iterator.push(3);
    expect(closed).toBe(1);
    expect(subscriberOverflows().interrupted).toBe(before + 1);
    expect(await iterator.next()).toEqual({ value: 1, done: false });
    expect(await iterator.next()).toEqual({ value: 2, done: false });
    const failure = (await iterator.next().catch((error: unknown) => error)) as GraphQLError;
    expect(failure.extensions.code).toBe('LIVE_FEED_INTERRUPTED');
    expect(failure.message).toMatch(/Subscribe again, and fill the gap from the queries' history\.$/);
    expect(await iterator.next()).toEqual({ value: undefined, done: true });
  });

  it('interrupt() rejects the next() a consumer waits on, or hands it errorResult', async () => {
    const plain = new PushIterator<number>(() => undefined);
    const waiting = plain.next();
    plain.interrupt();
    await expect(waiting).rejects.toMatchObject({ extensions: { code: 'LIVE_FEED_INTERRUPTED' } });
    expect(await plain.next()).toEqual({ value: undefined, done: true });

    const told = new PushIterator<{ errors: GraphQLError[] }>(() => undefined, { errorResult: (error) => ({ errors: [error] }) });
    const next = told.next();
    told.interrupt();
    expect((await next).value?.errors[0]?.extensions.code).toBe('LIVE_FEED_INTERRUPTED');
    expect(await told.next()).toEqual({ value: undefined, done: true });
  });

  it('interrupt() leaves a feed of states going: its next value supersedes what was lost', async () => {
    let closed = 0;
    const iterator = new PushIterator<number>(() => void (closed += 1), { coalesce: (_older, newer) => newer });
    iterator.interrupt();
    iterator.push(7);
    expect(await iterator.next()).toEqual({ value: 7, done: false });
    expect(closed).toBe(0);
  });

  it('with coalesce, past maxQueued folds what waits into one value and goes on', async () => {
    const iterator = new PushIterator<number[]>(() => undefined, { maxQueued: 2, coalesce: (older, newer) => [...older, ...newer] });
    for (let value = 0; value < 4; value += 1) iterator.push([value]);
    expect(await iterator.next()).toEqual({ value: [0, 1, 2], done: false });
    expect(await iterator.next()).toEqual({ value: [3], done: false });
    iterator.push([4]);
    expect(await iterator.next()).toEqual({ value: [4], done: false });
  });
});
