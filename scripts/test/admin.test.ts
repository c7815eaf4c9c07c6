import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@lifestone/lib/log';
import { openDatabase } from '@lifestone/lib/db';
import { checkPassword } from '@lifestone/lib/auth';
import { startTestStack, type TestStack } from '@lifestone/test-kit/stack';

const root = fileURLToPath(new URL('../../', import.meta.url));

interface Outcome { code: number | null; stdout: string; stderr: string }

/** `npm run admin -- <args>` as the operator types it, in a child process. */
function admin(args: string[], env: Record<string, string | undefined>): Promise<Outcome> {
  return new Promise((resolve) => {
    const childEnv: NodeJS.ProcessEnv = { ...process.env, LIFESTONE_LOG_LEVEL: 'warn', ...env };
    for (const [name, value] of Object.entries(env)) if (value === undefined) delete childEnv[name];
    execFile('npm', ['run', '--silent', 'admin', '--', ...args], { cwd: root, env: childEnv, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr: stderr.replace(/^npm warn .*\n/gm, '') });
    });
  });
}

const PRINTED = /^New password for (\S+) \((\w+)\): ([A-Za-z0-9_-]{24})\n/;

describe('npm run admin -- reset-password, on DATABASE_URL', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(() => stack?.close());

  it('prints a new password once, which signs in while the old one fails; the account is signed out everywhere', async () => {
    const signedIn = await stack.signIn('admin', stack.admin.password);
    const outcome = await admin(['reset-password', 'admin'], { DATABASE_URL: stack.ingest.database.url });
    expect(outcome.stderr).toBe('');
    expect(outcome.code).toBe(0);
    const [, name, role, password] = PRINTED.exec(outcome.stdout) ?? [];
    expect({ name, role }).toEqual({ name: 'admin', role: 'admin' });
    expect(outcome.stdout.split('\n').slice(1)).toEqual([
      `It is shown once. ${2} sessions were ended; sign in with it, then change it (your name in the toolbar, Change password).`,
      '',
    ]);
    expect((await stack.graphql('{ me { name } }', undefined, { cookie: signedIn })).body).toEqual({ data: { me: null } });
    const old = await stack.graphql('mutation($p: String!) { signIn(username: "admin", password: $p) { name } }', { p: stack.admin.password });
    expect(old.body.errors?.map(({ message, extensions }) => ({ message, code: extensions?.code }))).toEqual([{ message: 'Wrong name or password.', code: 'UNAUTHENTICATED' }]);
    const cookie = await stack.signIn('admin', password as string);
    expect((await stack.graphql('{ me { name role } }', undefined, { cookie })).body).toEqual({ data: { me: { name: 'admin', role: 'ADMIN' } } });
  });

  it('refuses an unknown name with exit code 1 and a readable message, changing nothing', async () => {
    const before = (await stack.db.query('SELECT name, password_hash FROM accounts ORDER BY name')).rows;
    const outcome = await admin(['reset-password', 'nobody'], { DATABASE_URL: stack.ingest.database.url });
    expect(outcome).toEqual({ code: 1, stdout: '', stderr: 'There is no account named "nobody". Accounts: admin.\n' });
    expect((await stack.db.query('SELECT name, password_hash FROM accounts ORDER BY name')).rows).toEqual(before);
  });

  it('create-admin makes an admin who signs in with the printed password; a taken name exits 1', async () => {
    const outcome = await admin(['create-admin', 'night-shift'], { DATABASE_URL: stack.ingest.database.url });
    expect(outcome.code).toBe(0);
    const password = /^Created the admin night-shift, password: ([A-Za-z0-9_-]{24})\n/.exec(outcome.stdout)?.[1] as string;
    const cookie = await stack.signIn('night-shift', password);
    expect((await stack.graphql('{ me { name role } }', undefined, { cookie })).body).toEqual({ data: { me: { name: 'night-shift', role: 'ADMIN' } } });
    expect(await admin(['create-admin', 'night-shift'], { DATABASE_URL: stack.ingest.database.url })).toEqual({
      code: 1, stdout: '', stderr: 'An account named "night-shift" already exists: npm run admin -- reset-password night-shift\n',
    });
  });

  it('says how to use it when the command is missing or unknown, exit code 1', async () => {
    const outcome = await admin(['reset-pasword', 'admin'], { DATABASE_URL: stack.ingest.database.url });
    expect(outcome.code).toBe(1);
    expect(outcome.stderr.split('\n').slice(0, 3)).toEqual(['Unknown command "reset-pasword".', '', 'Usage: npm run admin -- <command> <account name>']);
  });
});

describe('npm run admin -- reset-password, on the embedded PostgreSQL', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'lifestone-admin-'));
  });
  afterAll(async () => {
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  /** Opens the data folder's database as `npm start` does, with `admin` in it. */
  async function embedded() {
    const database = await openDatabase(createLogger('test', 'silent'), { LIFESTONE_DATA_DIR: dataDir });
    const pool = new pg.Pool({ connectionString: database.url, max: 2 });
    // The server is stopped under the pool's idle connections, as npm start's Ctrl+C would: their termination is expected.
    pool.on('error', () => {});
    return { database, pool };
  }

  it('refuses a data folder that holds no database, creating nothing there', async () => {
    const empty = path.join(dataDir, 'never-started');
    expect(await admin(['reset-password', 'admin'], { DATABASE_URL: undefined, LIFESTONE_DATA_DIR: empty })).toEqual({
      code: 1, stdout: '', stderr: `There is no Lifestone database in ${empty}. Run this where npm start runs (its LIFESTONE_DATA_DIR), or set DATABASE_URL.\n`,
    });
    expect(existsSync(empty)).toBe(false);
  });

  it('joins the server `npm start` runs, leaving it running, and starts one itself when none runs', async () => {
    const { database, pool } = await embedded();
    try {
      await pool.query(`INSERT INTO accounts (name, password_hash, role) VALUES ('admin', 'lost', 'admin')`);
      await pool.query(`INSERT INTO sessions (id, account_id, expires_at) SELECT 'a-session', id, now() + interval '1 day' FROM accounts`);
      // What npm start wrote at the first start: the old password, which must not linger.
      const firstAdminFile = path.join(dataDir, 'first-admin-password');
      await writeFile(firstAdminFile, 'lost\n');
      const running = await admin(['reset-password', 'admin'], { DATABASE_URL: undefined, LIFESTONE_DATA_DIR: dataDir });
      expect(running.stderr).toBe('');
      expect(running.stdout.split('\n').slice(1)).toEqual([
        `Removed ${firstAdminFile}, which held the old password.`,
        'It is shown once. 1 session was ended; sign in with it, then change it (your name in the toolbar, Change password).',
        '',
      ]);
      expect(existsSync(firstAdminFile)).toBe(false);
      const password = PRINTED.exec(running.stdout)?.[3] as string;
      // The server of "npm start" still answers: the tool joined it rather than restarting it.
      expect(await checkPassword(pool, 'admin', password)).toMatchObject({ name: 'admin', role: 'admin' });
      expect((await pool.query('SELECT count(*)::int AS n FROM sessions')).rows).toEqual([{ n: 0 }]);
    } finally {
      await database.stop();
      await pool.end();
    }
    const stopped = await admin(['reset-password', 'admin'], { DATABASE_URL: undefined, LIFESTONE_DATA_DIR: dataDir });
    expect(stopped.stderr).toBe('');
    expect(stopped.code).toBe(0);
    const password = PRINTED.exec(stopped.stdout)?.[3] as string;
    const reopened = await embedded();
    try {
      expect(await checkPassword(reopened.pool, 'admin', password)).toMatchObject({ name: 'admin', role: 'admin' });
    } finally {
      await reopened.database.stop();
      await reopened.pool.end();
    }
  }, 120_000);
});
