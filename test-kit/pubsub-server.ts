import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { restartablePort } from '@lifestone/lib/db';

/** Every server started here: killed if the test process ends without stopping them. */
const children = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

/** A binary of the machine's, on PATH or where Debian puts daemons. */
export function findBinary(name: string): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), '/usr/sbin', '/usr/local/sbin', '/usr/local/bin'];
  return dirs.map((dir) => path.join(dir, name)).find((candidate) => existsSync(candidate));
}

export type PubSubKind = 'redis' | 'nats';

/** A pubsub server of the test's own: a redis-server or a nats-server with JetStream, on a free port. */
export interface PubSubServer {
  kind: PubSubKind;
  url: string;
  /** Stops the server (SIGTERM) and waits for it to exit. */
  stop(): Promise<void>;
  /** Starts it again on the same port (and, for NATS, the same JetStream folder). */
  start(): Promise<void>;
  /** Stops it and deletes its folder. */
  remove(): Promise<void>;
}

/** Starts a pubsub server of the test's own (the machine's `redis-server` or `nats-server`), so that stopping it disturbs nothing else. */
export async function startPubSubServer(kind: PubSubKind): Promise<PubSubServer> {
  const name = kind === 'redis' ? 'redis-server' : 'nats-server';
  const binary = findBinary(name);
  if (!binary) throw new Error(`${name} is not installed`);
  const port = await restartablePort();
  const dir = await mkdtemp(path.join(tmpdir(), `lifestone-test-${kind}-`));
  const args =
    kind === 'redis'
      ? ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir]
      : ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', dir];
  let child: ChildProcess | undefined;
  const server: PubSubServer = {
    kind,
    url: kind === 'redis' ? `redis://127.0.0.1:${port}` : `nats://127.0.0.1:${port}`,
    async start() {
      const started = spawn(binary, args, { stdio: 'ignore' });
      children.add(started);
      started.once('exit', () => children.delete(started));
      child = started;
      await waitForPort(port, 10_000);
    },
    async stop() {
      const running = child;
      child = undefined;
      if (!running || running.exitCode !== null) return;
      await new Promise<void>((resolve) => {
        running.once('exit', () => resolve());
        running.kill('SIGTERM');
      });
    },
    async remove() {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
  await server.start();
  return server;
}

async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`nothing listens on port ${port} after ${timeoutMs} ms`);
    await sleep(50);
  }
}
