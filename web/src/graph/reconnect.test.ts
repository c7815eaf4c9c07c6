import { describe, expect, it } from 'vitest';
import { backoffDelay, nextStatus, type ConnectionEvent, type ConnectionStatus } from './reconnect';

function run(events: ConnectionEvent[], from: ConnectionStatus = 'closed'): ConnectionStatus[] {
  const seen: ConnectionStatus[] = [];
  let status = from;
  for (const event of events) seen.push((status = nextStatus(status, event)));
  return seen;
}

describe('the connection status', () => {
  it('connects, loses the gateway, shows reconnecting through every retry, and clears itself when acknowledged', () => {
    expect(run(['connecting', 'connected', 'lost', 'connecting', 'lost', 'connecting', 'connected'])).toEqual([
      'connecting',
      'online',
      'reconnecting',
      'reconnecting',
      'reconnecting',
      'reconnecting',
      'online',
    ]);
  });

  it('stays closed after sign-out whatever the socket reports late', () => {
    expect(run(['connecting', 'connected', 'disposed', 'lost'])).toEqual(['connecting', 'online', 'closed', 'closed']);
  });

  it('a first attempt that fails shows as reconnecting, not as connecting forever', () => {
    expect(run(['connecting', 'lost', 'connecting'])).toEqual(['connecting', 'reconnecting', 'reconnecting']);
  });
});

describe('the backoff between attempts', () => {
  it('grows exponentially from the base and is capped', () => {
    const top = (attempt: number) => backoffDelay(attempt, { baseMs: 500, maxMs: 15_000 }, () => 1);
    expect([0, 1, 2, 3, 4, 5, 6, 40].map(top)).toEqual([500, 1000, 2000, 4000, 8000, 15_000, 15_000, 15_000]);
  });

  it('is jittered below the ceiling but never below half the base', () => {
    expect(backoffDelay(5, { baseMs: 500, maxMs: 15_000 }, () => 0)).toBe(250);
    expect(backoffDelay(5, { baseMs: 500, maxMs: 15_000 }, () => 0.5)).toBe(7625);
  });
});
