import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '@lifestone/test-kit/stack';
import { tinySubgraph } from './tiny-subgraph.js';

const CHANGE = 'mutation($current: String!, $next: String!) { changePassword(currentPassword: $current, newPassword: $next) }';

describe('the first admin\'s password file, with the gateway started on its own', () => {
  let stack: TestStack;
  let folder: string;
  let file: string;

  beforeAll(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'lifestone-first-admin-'));
    file = path.join(folder, 'first-admin-password');
    stack = await startTestStack({ modules: [tinySubgraph()], firstAdminPasswordFile: file });
    // As a first start leaves it: the password generated, written to the file, not yet changed.
    await stack.db.query("UPDATE accounts SET password_change_due = true WHERE name = 'admin'");
    await writeFile(file, `${stack.admin.password}\n`);
  });

  afterAll(async () => {
    await stack?.close();
    await rm(folder, { recursive: true, force: true });
  });

  it('is kept while the generated password stands, even when another account changes a password it was given', async () => {
    await stack.restartGateway();
    expect(existsSync(file)).toBe(true);
    await stack.graphql('mutation { createAccount(name: "cora", password: "cora-password", role: VIEWER) { name } }', undefined, { cookie: stack.adminCookie });
    await stack.db.query("UPDATE accounts SET password_change_due = true WHERE name = 'cora'");
    const cora = await stack.signIn('cora', 'cora-password');
    expect((await stack.graphql(CHANGE, { current: 'cora-password', next: 'cora-own-password' }, { cookie: cora })).body).toEqual({ data: { changePassword: true } });
    expect(existsSync(file)).toBe(true);
  });

  it('is deleted when the first admin changes the password through the gateway', async () => {
    const admin = await stack.signIn('admin', stack.admin.password);
    expect((await stack.graphql(CHANGE, { current: stack.admin.password, next: 'an-admin-own-password' }, { cookie: admin })).body).toEqual({ data: { changePassword: true } });
    expect(existsSync(file)).toBe(false);
  });

  it('is deleted at start when the password was changed meanwhile', async () => {
    await writeFile(file, 'left behind by an earlier start\n');
    await stack.restartGateway();
    expect(existsSync(file)).toBe(false);
  });
});
