/**
 * `npm run smoke`: what a person does on a fresh clone, checked end to end.
 * Runs `npm start` (with `--compiled`: the build of `npm run build`, as
 * `node --conditions=compiled dist/start.js`, no TypeScript loader allowed)
 * in a process group of its own on free ports and a new
 * data folder, signs in as the first admin, queries the characters the
 * simulator brings, receives an event over an SSE subscription, then signals
 * the whole group as Ctrl+C in a terminal does (`--signal SIGTERM` for a
 * supervisor's stop). It passes when `npm start` itself exits 0 only after
 * ingest logged that every accepted event is stored, nothing of the group is
 * left, and the embedded PostgreSQL has stopped. CI runs it on the oldest
 * Node Lifestone supports.
 */
import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { freePort, runningEmbeddedPostgres } from '@lifestone/lib/db';
import { commandLine, processes } from '@lifestone/test-kit/processes';

const root = fileURLToPath(new URL('../', import.meta.url));
const STORED = 'ingest stopped; every accepted event is stored';
const PORT_SETTINGS = ['LIFESTONE_PORT', 'LIFESTONE_INGEST_PORT', 'LIFESTONE_TELEMETRY_PORT', 'LIFESTONE_INVENTORY_PORT', 'LIFESTONE_COMBAT_PORT', 'LIFESTONE_ASSISTANT_PORT', 'LIFESTONE_ACCOUNTS_PORT'] as const;

export interface SmokeOptions {
  /** Runs the compiled build instead of `npm start`. @default false */
  compiled?: boolean;
  /** The signal sent to the process group. @default 'SIGINT' (Ctrl+C) */
  signal?: 'SIGINT' | 'SIGTERM';
  /** Simulated characters. @default 20 */
  characters?: number;
  /** How long `npm start` may take to print its banner. @default 180000 */
  readyTimeoutMs?: number;
  /** Receives each step as it completes. */
  onStep?: (step: string) => void;
  /** Settings added to `npm start`'s environment. */
  env?: Record<string, string>;
  /** More checks, run signed in after the characters query, before the signal; `banner` is what `npm start` printed so far. */
  check?: (graph: { query(query: string): Promise<{ data?: unknown; errors?: unknown }>; banner: string }) => Promise<void>;
}

export interface SmokeResult {
  /** From spawning `npm start` to its banner. */
  readyMs: number;
  /** From the signal to `npm start`'s exit. */
  stopMs: number;
  characters: number;
  /** Everything `npm start` printed, for a failure's report. */
  output: string;
}

/** How many times a start that lost one of its ports is tried, each on ports chosen again. */
const START_ATTEMPTS = 3;

/** A port chosen free was bound by something else before the start bound it (tests run side by side). */
class PortTakenError extends Error {}

/**
 * Runs the smoke check; rejects with what went wrong and the output so far.
 * A start that finds one of its ports taken (chosen free, then bound by
 * another program before the start bound it) is tried again on new ports.
 */
export async function runSmoke(options: SmokeOptions = {}): Promise<SmokeResult> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await runSmokeOnce(options);
    } catch (error) {
      if (!(error instanceof PortTakenError) || attempt === START_ATTEMPTS) throw error;
      options.onStep?.(`${error.message}; starting again on ports chosen again`);
    }
  }
}

async function runSmokeOnce(options: SmokeOptions): Promise<SmokeResult> {
  const signal = options.signal ?? 'SIGINT';
  const step = options.onStep ?? (() => {});
  const fleet = options.characters ?? 20;
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'lifestone-smoke-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    LIFESTONE_DATA_DIR: dataDir,
    LIFESTONE_SIM_CHARACTERS: String(fleet),
    LIFESTONE_LOG_LEVEL: 'info',
    ...options.env,
  };
  // The smoke check never uses a database or pubsub of the environment, nor a chosen admin password: the defaults are what it checks.
  for (const name of ['DATABASE_URL', 'REDIS_URL', 'NATS_URL', 'LIFESTONE_ADMIN_PASSWORD']) delete env[name];
  for (const setting of PORT_SETTINGS) env[setting] = String(await freePort());

  const [command, ...args] = options.compiled
    ? [process.execPath, '--conditions=compiled', '--no-experimental-strip-types', '--max-semi-space-size=64', 'dist/start.js']
    : ['npm', 'start'];
  const name = options.compiled ? 'dist/start.js' : 'npm start';
  const started = performance.now();
  const child = spawn(command as string, args, { cwd: root, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const group = child.pid as number;
  let output = '';
  const printed = (chunk: Buffer): void => void (output += chunk.toString('utf8'));
  child.stdout.on('data', printed);
  child.stderr.on('data', printed);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.once('exit', (code, exitSignal) => resolve({ code, signal: exitSignal, at: performance.now() })));
  const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
  let signalled = false;
  function fail(message: string): never {
    throw new Error(`${message}\n--- ${name} printed ---\n${output.slice(-8000)}`);
  }

  try {
    const deadline = started + (options.readyTimeoutMs ?? 180_000);
    while (!output.includes('Lifestone is running.')) {
      if (child.exitCode !== null || child.signalCode !== null) {
        const taken = /port (\d+) is in use/.exec(output);
        if (taken) throw new PortTakenError(`port ${taken[1]} was free when chosen and taken when ${name} bound it`);
        fail(`${name} ended (code ${child.exitCode}, signal ${child.signalCode}) before it was ready`);
      }
      if (performance.now() > deadline) fail(`${name} printed no banner in time`);
      await sleep(100);
    }
    const readyMs = performance.now() - started;
    step(`ready in ${(readyMs / 1000).toFixed(1)} s`);
    const graphUrl = /^\s+graph\s+(\S+)/m.exec(output)?.[1] ?? fail('the banner names no graph URL');

    const password = (await readFile(path.join(dataDir, 'first-admin-password'), 'utf8')).trim();
    const signIn = await graphql(graphUrl, 'mutation ($name: String!, $password: String!) { signIn(username: $name, password: $password) { name } }', { name: 'admin', password });
    const cookie = signIn.headers.get('set-cookie')?.split(';')[0];
    if (!cookie || signIn.body.errors) fail(`sign-in refused: ${JSON.stringify(signIn.body)}`);
    step('signed in as admin');

    // A fresh data folder knows exactly the simulated fleet, once every character has connected.
    let characters = 0;
    for (const until = performance.now() + 60_000; characters < fleet; await sleep(500)) {
      if (performance.now() > until) fail(`the characters query showed ${characters} of the ${fleet} simulated characters after 60 s`);
      const answer = await graphql(graphUrl, '{ characters { name } }', undefined, cookie);
      if (answer.body.errors) fail(`the characters query failed: ${JSON.stringify(answer.body.errors)}`);
      characters = (answer.body.data as { characters: unknown[] }).characters.length;
    }
    step(`query: ${characters} characters`);
    if (options.check) {
      await options.check({ query: async (query) => (await graphql(graphUrl, query, undefined, cookie)).body, banner: output }).catch((error: unknown) => fail((error as Error).message));
      step('checks passed');
    }

    const event = await firstEvent(graphUrl, 'subscription { events { type character } }', cookie as string, 30_000);
    step(`subscription: ${event}`);

    const signalledAt = performance.now();
    process.kill(-group, signal);
    signalled = true;
    const exit = await Promise.race([exited, sleep(120_000, undefined, { ref: false }).then(() => undefined)]);
    if (!exit) fail(`${name} did not exit within 120 s of ${signal}`);
    // npm start exits once node has exited; a helper process of node's (such as the esbuild service tsx starts)
    // ends when its pipe closes, a moment later. Anything of the group still there after a few seconds was left running.
    const left = await groupLeft(group, 5_000);
    if (left.length > 0) fail(`${name} exited but processes of its group are still running 5 s after ${signal}: ${left.join('; ')}`);
    await closed;
    if (exit.code !== 0) fail(`${name} exited with code ${exit.code} (signal ${exit.signal}) after ${signal}`);
    if (!output.includes(STORED)) fail(`${name} exited without "${STORED}"`);
    if (await runningEmbeddedPostgres(dataDir)) fail(`the embedded PostgreSQL is still running after ${name} exited`);
    const stopMs = exit.at - signalledAt;
    step(`${signal} to the group: stopped in ${(stopMs / 1000).toFixed(1)} s, every accepted event stored`);
    return { readyMs, stopMs, characters, output };
  } finally {
    if (!signalled || groupAlive(group)) {
      try {
        process.kill(-group, 'SIGKILL');
      } catch {
        // The group is gone already.
      }
    }
    await stopLeftoverPostgres(dataDir);
    await rm(dataDir, { recursive: true, force: true });
  }
}

interface GraphQLAnswer { headers: Headers; body: { data?: unknown; errors?: unknown } }

async function graphql(url: string, query: string, variables?: Record<string, unknown>, cookie?: string): Promise<GraphQLAnswer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { headers: response.headers, body: (await response.json()) as GraphQLAnswer['body'] };
}

/** The `data` of the first result of an SSE subscription, as JSON text. */
async function firstEvent(url: string, query: string, cookie: string, timeoutMs: number): Promise<string> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(new Error(`no event within ${timeoutMs} ms`)), timeoutMs);
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', cookie },
      body: JSON.stringify({ query }),
      signal: abort.signal,
    });
    if (!response.ok || !response.body) throw new Error(`subscription refused with HTTP ${response.status}: ${await response.text()}`);
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      text += chunk.value;
      for (const message of text.split('\n\n').slice(0, -1)) {
        const data = /^data: ?(.*)$/m.exec(message)?.[1];
        if (!/^event: next$/m.test(message) || !data) continue;
        const result = JSON.parse(data) as { data?: unknown; errors?: unknown };
        if (result.errors || !result.data) throw new Error(`the subscription answered ${data}`);
        return JSON.stringify(result.data);
      }
    }
    throw new Error('the subscription ended without an event');
  } finally {
    clearTimeout(timer);
    abort.abort();
  }
}

/** The processes of `group` still there after waiting up to `ms` for it to empty, each as `pid command line`. */
async function groupLeft(group: number, ms: number): Promise<string[]> {
  for (const deadline = performance.now() + ms; groupAlive(group) && performance.now() < deadline; ) await sleep(50);
  if (!groupAlive(group)) return [];
  const left = (await processes()).filter((entry) => entry.group === group);
  if (left.length === 0) return [`group ${group}`];
  return Promise.all(left.map(async ({ pid }) => `${pid} ${(await commandLine(pid)) || '(exited, not yet reaped)'}`));
}

function groupAlive(group: number): boolean {
  try {
    process.kill(-group, 0);
    return true;
  } catch {
    return false;
  }
}

/** A failed run may leave the embedded server (in a group of its own) running: stop it. */
async function stopLeftoverPostgres(dataDir: string): Promise<void> {
  const pid = Number((await readFile(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').catch(() => '')).split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return;
  try {
    process.kill(pid, 'SIGQUIT');
  } catch {
    return;
  }
  for (let waited = 0; waited < 10_000; waited += 100) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await sleep(100);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const signalArgument = process.argv.indexOf('--signal');
  const signal = signalArgument > 0 ? process.argv[signalArgument + 1] : 'SIGINT';
  const compiled = process.argv.includes('--compiled');
  if (signal !== 'SIGINT' && signal !== 'SIGTERM') {
    console.error('usage: npm run smoke [-- [--compiled] [--signal SIGINT|SIGTERM]]');
    process.exit(2);
  }
  console.log(`smoke: ${compiled ? 'dist/start.js' : 'npm start'} on Node ${process.versions.node}, then ${signal} to its process group`);
  try {
    await runSmoke({ signal, compiled, onStep: (line) => console.log(`  ${line}`) });
    console.log('smoke: passed');
  } catch (error) {
    console.error(`smoke: FAILED: ${(error as Error).message}`);
    process.exit(1);
  }
}
