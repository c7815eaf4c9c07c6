import { once } from 'node:events';
import { createServer, type Server } from 'node:net';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type * as Db from '@lifestone/lib/db';
import { runSmoke } from '../smoke.js';

/** A port the next freePort() answers, though something listens on it: as if another program took it meanwhile. */
const next: { taken?: number } = {};
vi.mock('@lifestone/lib/db', async (original) => {
  const db = await original<typeof Db>();
  return {
    ...db,
    freePort: async () => {
      const { taken } = next;
      next.taken = undefined;
      return taken ?? db.freePort();
    },
  };
});

describe('npm start stopped by a signal to its whole process group', () => {
  let holder: Server | undefined;
  afterAll(() => holder?.close());

  // A supervisor's stop reaches npm and node at once: npm must not exit before node has flushed and the embedded PostgreSQL has stopped.
  it('exits 0 only after every accepted event is stored, leaving nothing running; a port taken before the start binds it is chosen again', async () => {
    holder = createServer().listen(0, '127.0.0.1');
    await once(holder, 'listening');
    const taken = (holder.address() as { port: number }).port;
    next.taken = taken;
    const steps: string[] = [];
    const result = await runSmoke({ signal: 'SIGTERM', characters: 20, onStep: (step) => steps.push(step) });
    expect(steps[0]).toBe(`port ${String(taken)} was free when chosen and taken when npm start bound it; starting again on ports chosen again`);
    expect(result.characters).toBe(20);
    expect(result.output).toContain('ingest stopped; every accepted event is stored');
  }, 300_000);
});
