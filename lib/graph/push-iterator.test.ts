import { describe, expect, it } from 'vitest';
import { PushIterator, STALL_MS } from './push-iterator.js';

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

  it('past maxQueued with nothing taken for STALL_MS, lets go of its source and ends with SUBSCRIBER_TOO_SLOW: no value is lost unannounced', async () => {
    let closed = 0;
    const iterator = new PushIterator<number>(() => void (closed += 1), { maxQueued: 2 });
    for (let value = 0; value < 3; value += 1) iterator.push(value);
    // Its subscriber took nothing: it ends once STALL_MS passed.
    expect(closed).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, STALL_MS + 200));
    expect(closed).toBe(1);
    iterator.push(4);
    await expect(iterator.next()).rejects.toMatchObject({ extensions: { code: 'SUBSCRIBER_TOO_SLOW', limit: 2 } });
    expect(await iterator.next()).toEqual({ value: undefined, done: true });
    await iterator.return();
    expect(closed).toBe(1);
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
