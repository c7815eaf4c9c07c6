import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { restartablePort } from '@lifestone/lib/db';
import { eventually } from '@lifestone/test-kit/minecraft';

const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));

/** Runs `npm run start:minecraft`'s entry point with `env`, and says how it ended. */
function startBridge(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, ['--import', 'tsx', main], { env: { PATH: process.env.PATH ?? '', ...env }, timeout: 30_000 }, (error, _stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stderr }),
    );
    child.stdin?.end();
  });
}

describe('npm run start:minecraft', () => {
  it('refuses a malformed LIFESTONE_MINECRAFT_SERVERS at start, showing the expected form', async () => {
    const { code, stderr } = await startBridge({ LIFESTONE_MINECRAFT_SERVERS: 'survival=127.0.0.1', LIFESTONE_PLUGIN_SECRET: 's' });
    expect(code).toBe(2);
    expect(stderr).toBe(
      'start:minecraft: LIFESTONE_MINECRAFT_SERVERS: "survival=127.0.0.1" has no ":port"; expected name=host:port pairs separated by commas, e.g. survival=play.example.org:25565,creative=10.0.0.5:25566\n',
    );
  });

  it('says what to set when no server is given', async () => {
    const { code, stderr } = await startBridge({ LIFESTONE_PLUGIN_SECRET: 's' });
    expect(code).toBe(2);
    expect(stderr).toContain('start:minecraft: set LIFESTONE_MINECRAFT_SERVERS to the servers to watch: name=host:port pairs');
  });

  it("serves each server's status on LIFESTONE_MINECRAFT_STATUS_PORT: 503 while its bot is not in", async () => {
    const [statusPort, nobody] = await Promise.all([restartablePort(), restartablePort()]);
    const child = spawn(process.execPath, ['--import', 'tsx', main], {
      env: { PATH: process.env.PATH ?? '', LIFESTONE_MINECRAFT_SERVERS: `survival=127.0.0.1:${nobody}`, LIFESTONE_PLUGIN_SECRET: 's', LIFESTONE_MINECRAFT_STATUS_PORT: String(statusPort) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => void (output += chunk.toString('utf8')));
    try {
      await eventually(() => expect(output).toContain('minecraft bridge started'), 30_000);
      expect(output).toContain(`survival=http://127.0.0.1:${statusPort}/status/survival`);
      const response = await fetch(`http://127.0.0.1:${statusPort}/status/survival`);
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ server: 'survival', status: expect.stringMatching(/^(connecting|waiting)$/) });
      expect((await fetch(`http://127.0.0.1:${statusPort}/status/creative`)).status).toBe(404);
    } finally {
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const [code] = await exited;
      expect(code).toBe(0);
    }
  });
});
