import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

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
});
