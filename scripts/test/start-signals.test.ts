import { describe, expect, it } from 'vitest';
import { runSmoke } from '../smoke.js';

describe('npm start stopped by a signal to its whole process group', () => {
  // A supervisor's stop reaches npm and node at once: npm must not exit before node has flushed and the embedded PostgreSQL has stopped.
  it('exits 0 only after every accepted event is stored, leaving nothing running', async () => {
    const result = await runSmoke({ signal: 'SIGTERM', characters: 20 });
    expect(result.characters).toBe(20);
    expect(result.output).toContain('ingest stopped; every accepted event is stored');
  }, 300_000);
});
