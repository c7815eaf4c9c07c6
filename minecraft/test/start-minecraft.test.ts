import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { runSmoke } from '../../scripts/smoke.js';

interface Answer { data?: unknown; errors?: unknown }

/** Asks until `check` passes on the answer, for at most `ms`. */
async function until<T>(ask: () => Promise<Answer>, check: (data: T) => void, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    const answer = await ask();
    try {
      if (answer.errors) throw new Error(JSON.stringify(answer.errors));
      check(answer.data as T);
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    await sleep(500);
  }
}

describe('npm start with the Minecraft demo world', () => {
  // One run checks both settings: the demo world runs, and a malformed server list is refused without stopping anything.
  it('reports the demo players beside the simulated fleet; a malformed LIFESTONE_MINECRAFT_SERVERS is refused with its form', async () => {
    const result = await runSmoke({
      characters: 5,
      env: { LIFESTONE_MINECRAFT_DEMO: '1', LIFESTONE_MINECRAFT_SERVERS: 'survival', LIFESTONE_SERVER_CHECK_INTERVAL_MS: '1000' },
      check: async ({ query, banner }) => {
        expect(banner).toMatch(/^ {2}minecraft {6}watching demo \(demo world on 127\.0\.0\.1:\d+, 3 wandering players\); refused: LIFESTONE_MINECRAFT_SERVERS: "survival" has no "="; expected name=host:port pairs separated by commas, e\.g\. survival=play\.example\.org:25565,creative=10\.0\.0\.5:25566$/m);
        await until<{ minecraft: unknown[]; dereth: unknown[] }>(
          () => query('{ minecraft: livePlayers(game: MINECRAFT) { name game server dimension } dereth: livePlayers(game: ASHERONS_CALL) { game } }'),
          (data) => {
            expect(data.minecraft).toEqual(['Ada_Stone', 'Birch_Walker', 'Cobble_Kid'].map((name) => ({ name, game: 'MINECRAFT', server: 'demo', dimension: 'overworld' })));
            expect(data.dereth).toEqual(Array.from({ length: 5 }, () => ({ game: 'ASHERONS_CALL' })));
          },
        );
        await until<{ serverStatus: Array<{ server: string; status: string; players: number | null }> }>(
          () => query('{ serverStatus { server status players } }'),
          (data) => expect(data.serverStatus).toEqual([{ server: 'Simulated Dereth', status: 'UP', players: 5 }, { server: 'demo', status: 'UP', players: 3 }]),
        );
      },
    });
    expect(result.output).toContain('"minecraft demo players joined"');
  }, 300_000);
});
