import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer as createHttpServer } from 'node:http';
import { createServer, type Server } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '@lifestone/lib/db';
import { listening, PortUnavailableError } from '../ports.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

const PORT_SETTINGS = [
  ['LIFESTONE_PORT', 'the gateway'],
  ['LIFESTONE_INGEST_PORT', 'ingest'],
  ['LIFESTONE_TELEMETRY_PORT', 'the telemetry subgraph'],
  ['LIFESTONE_INVENTORY_PORT', 'the inventory subgraph'],
  ['LIFESTONE_COMBAT_PORT', 'the combat subgraph'],
  ['LIFESTONE_ASSISTANT_PORT', 'the assistant subgraph'],
  ['LIFESTONE_ACCOUNTS_PORT', 'the accounts subgraph'],
] as const;

type Outcome = { code: number | null; stdout: string; stderr: string };

/**
 * `npm start` in a child process, every port free but those `ports` sets.
 * A port chosen free can be taken by another test before `npm start` binds
 * it: a refusal naming a port this test did not set starts again, on ports
 * chosen again, up to three times.
 */
async function start(dataDir: string, ports: Record<string, number>): Promise<Outcome> {
  const set = new Set(Object.values(ports));
  for (let attempt = 1; ; attempt++) {
    const env: NodeJS.ProcessEnv = { ...process.env, LIFESTONE_DATA_DIR: dataDir, LIFESTONE_SIM_CHARACTERS: '0', LIFESTONE_LOG_LEVEL: 'warn' };
    for (const [setting] of PORT_SETTINGS) env[setting] = String(ports[setting] ?? (await freePort()));
    const outcome = await new Promise<Outcome>((resolve) => {
      execFile('npm', ['run', '--silent', 'start'], { cwd: root, env, timeout: 60_000 }, (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr: stderr.replace(/^npm warn .*\n/gm, '') });
      });
    });
    const stolen = [...outcome.stderr.matchAll(/port (\d+) is in use/g)].some(([, port]) => !set.has(Number(port)));
    if (!stolen || attempt === 3) return outcome;
  }
}

/** Occupies a free loopback port, as another program would. */
async function occupy(): Promise<{ port: number; server: Server }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as { port: number }).port, server };
}

describe('npm start with a port taken', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'lifestone-ports-'));
  });
  afterAll(async () => {
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('says which port and setting when one is in use, and exits 1 without a stack trace', async () => {
    const { port, server } = await occupy();
    try {
      expect(await start(dataDir, { LIFESTONE_PORT: port })).toEqual({
        code: 1,
        stdout: '',
        stderr: `Lifestone cannot start: port ${port} is in use (LIFESTONE_PORT, the gateway): stop what uses it, or set LIFESTONE_PORT to a free port.\n`,
      });
    } finally {
      server.close();
    }
  }, 90_000);

  it('names every port in use at once: ingest, each subgraph, the gateway', async () => {
    const taken = await Promise.all(PORT_SETTINGS.map(() => occupy()));
    try {
      const outcome = await start(dataDir, Object.fromEntries(PORT_SETTINGS.map(([setting], index) => [setting, taken[index]?.port as number])));
      // In the order npm start opens them.
      const order = ['LIFESTONE_INGEST_PORT', 'LIFESTONE_TELEMETRY_PORT', 'LIFESTONE_INVENTORY_PORT', 'LIFESTONE_COMBAT_PORT', 'LIFESTONE_ASSISTANT_PORT', 'LIFESTONE_ACCOUNTS_PORT', 'LIFESTONE_PORT'];
      const lines = order.map((setting) => {
        const index = PORT_SETTINGS.findIndex(([name]) => name === setting);
        const port = taken[index]?.port as number;
        return `  port ${port} is in use (${setting}, ${PORT_SETTINGS[index]?.[1]}): stop what uses it, or set ${setting} to a free port.`;
      });
      expect(outcome).toEqual({ code: 1, stdout: '', stderr: `Lifestone cannot start:\n${lines.join('\n')}\n  Every port is in use: is Lifestone already running (another npm start)?\n` });
    } finally {
      for (const { server } of taken) server.close();
    }
  }, 90_000);

  it('refuses two settings naming the same port', async () => {
    const port = await freePort();
    const outcome = await start(dataDir, { LIFESTONE_PORT: port, LIFESTONE_INGEST_PORT: port });
    expect(outcome).toEqual({
      code: 1,
      stdout: '',
      stderr: `Lifestone cannot start: LIFESTONE_INGEST_PORT and LIFESTONE_PORT are both ${port}: give the gateway a port of its own (set LIFESTONE_PORT).\n`,
    });
  }, 90_000);
});

describe('a port taken after the check', () => {
  it('is reported the same way when the service listens', async () => {
    const { port, server } = await occupy();
    const http = createHttpServer();
    try {
      const started = listening({ setting: 'LIFESTONE_INGEST_PORT', port, service: 'ingest' }, () => new Promise<void>((resolve, reject) => {
        http.once('error', reject);
        http.listen(port, '127.0.0.1', resolve);
      }));
      await expect(started).rejects.toThrow(new PortUnavailableError({ setting: 'LIFESTONE_INGEST_PORT', port, service: 'ingest' }, `port ${port} is in use (LIFESTONE_INGEST_PORT, ingest): stop what uses it, or set LIFESTONE_INGEST_PORT to a free port.`));
    } finally {
      server.close();
      http.close();
    }
  });
});
