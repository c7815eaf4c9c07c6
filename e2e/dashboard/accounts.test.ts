/**
 * Accounts in headless Chromium against the real stack: an admin manages
 * accounts in the Accounts window (create, role, reset, tokens), a viewer
 * is not offered it, and anyone changes their own password. What the
 * browser shows is checked against what the gateway then accepts.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestStack } from '@lifestone/test-kit/stack';
import { hasChromium, signedInPage, startDashboardStack } from './browser.js';

const VIEWER = { name: 'reader', password: 'reader-password-1' };
const SIGN_IN = 'mutation($name: String!, $password: String!) { signIn(username: $name, password: $password) { name role } }';

describe.skipIf(!hasChromium)('accounts in the dashboard', () => {
  let stack: TestStack;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    ({ stack, browser, base } = await startDashboardStack());
    const created = await stack.graphql('mutation($name: String!, $password: String!) { createAccount(name: $name, password: $password, role: VIEWER) { name } }', VIEWER, { cookie: stack.adminCookie });
    expect(created.body.errors).toBeUndefined();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  function pageAs(name: string, password: string): Promise<Page> {
    return signedInPage(browser, base, { name, password });
  }

  /** What the gateway answers a sign-in with this password: the role, or the refusal's code. */
  async function signInOutcome(name: string, password: string): Promise<unknown> {
    const response = await stack.graphql<{ signIn: { role: string } }>(SIGN_IN, { name, password });
    return response.body.data?.signIn.role ?? response.body.errors?.[0]?.extensions?.code;
  }

  it('lets an admin create an account, set its role and reset its password, shown once', async () => {
    const page = await pageAs(stack.admin.name, stack.admin.password);
    await page.click('[data-open-window=accounts]');
    const window = page.locator('[data-window=accounts]');
    await window.locator('[data-account=admin]').waitFor();
    // The only admin cannot lose the role or be removed.
    expect(await window.locator('[data-account=admin] [data-account-role]').isDisabled()).toBe(true);

    await window.locator('input[name=accountName]').fill('night-owl');
    await window.locator('input[name=accountPassword]').fill('owl-password-1');
    await window.locator('select[name=accountRole]').selectOption('VIEWER');
    await window.locator('[data-create-account] button[type=submit]').click();
    await expect.poll(() => window.locator('[data-accounts-done]').textContent()).toBe('Created night-owl (viewer).');
    expect(await window.locator('[data-account=night-owl]').getAttribute('data-role')).toBe('VIEWER');
    expect(await signInOutcome('night-owl', 'owl-password-1')).toBe('VIEWER');

    // A taken name is refused with the gateway's code, shown as it came.
    await window.locator('input[name=accountName]').fill('night-owl');
    await window.locator('input[name=accountPassword]').fill('owl-password-2');
    await window.locator('[data-create-account] button[type=submit]').click();
    await expect.poll(() => window.locator('[data-accounts-problem]').textContent()).toBe('An account named "night-owl" already exists.');

    await window.locator('[data-account=night-owl] [data-account-role]').selectOption('OPERATOR');
    await expect.poll(() => window.locator('[data-accounts-done]').textContent()).toBe('night-owl is now operator.');
    await expect.poll(() => window.locator('[data-account=night-owl]').getAttribute('data-role')).toBe('OPERATOR');
    expect((await stack.db.query("SELECT role FROM accounts WHERE name = 'night-owl'")).rows).toEqual([{ role: 'operator' }]);

    await window.locator('[data-account=night-owl] [data-reset-password]').click();
    const revealed = window.locator('[data-revealed=password] [data-secret]');
    await revealed.waitFor();
    const password = (await revealed.textContent()) ?? '';
    expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    await page.screenshot({ path: '/tmp/accounts-window.png' });
    expect(await signInOutcome('night-owl', 'owl-password-1')).toBe('UNAUTHENTICATED');
    expect(await signInOutcome('night-owl', password)).toBe('OPERATOR');
    await window.locator('[data-revealed=password] button').click();
    expect(await window.locator('[data-revealed]').count()).toBe(0);

    // API tokens are created (shown once), listed and revoked here.
    await window.locator('input[name=tokenName]').fill('grafana');
    await window.locator('select[name=tokenRole]').selectOption('VIEWER');
    await window.locator('[data-create-token] button[type=submit]').click();
    const token = (await window.locator('[data-revealed=token] [data-secret]').textContent()) ?? '';
    expect(token).toMatch(/^ls_[A-Za-z0-9_-]{43}$/);
    expect((await stack.graphql('{ me { name role apiToken } }', undefined, { token })).body).toEqual({ data: { me: { name: 'grafana', role: 'VIEWER', apiToken: true } } });
    await window.locator('[data-token=grafana]').waitFor();
    // At 1024 px the window stays on screen, its controls reachable.
    await page.setViewportSize({ width: 1024, height: 768 });
    const box = await window.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 1024).toBe(true);
    await page.screenshot({ path: '/tmp/accounts-token.png' });
    await window.locator('[data-revealed=token] button').click();
    await window.locator('[data-token=grafana] [data-revoke-token]').click();
    await expect.poll(() => window.locator('[data-accounts-done]').textContent()).toBe('Revoked the token grafana.');
    await expect.poll(() => window.locator('[data-token=grafana]').getAttribute('data-revoked')).toBe('true');
    expect((await stack.graphql('{ me { name } }', undefined, { token })).body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    await window.locator('[data-account=night-owl] [data-remove-account]').click();
    await window.locator('[data-account=night-owl] [data-confirm-remove]').click();
    await expect.poll(() => window.locator('[data-accounts-done]').textContent()).toBe('Removed night-owl.');
    expect(await window.locator('[data-account=night-owl]').count()).toBe(0);
    await page.screenshot({ path: '/tmp/accounts-after.png' });
    await page.close();
  });

  it('offers a viewer no Accounts window, even remembered as open', async () => {
    const page = await pageAs(VIEWER.name, VIEWER.password);
    expect(await page.locator('[data-open-window=accounts]').count()).toBe(0);
    expect(await page.locator('[data-open-window=password]').count()).toBe(1);
    // A window left open in this browser by an admin stays closed for a viewer: the remembered windows
    // (found by the state opening one leaves in localStorage) get the Accounts window, open.
    await page.click('[data-open-window=password]');
    await page.waitForSelector('[data-window=password]');
    const remembered = await page.evaluate(() => {
      const key = Object.keys(localStorage).find((name) => (localStorage.getItem(name) ?? '').includes('"password"'));
      if (!key) return undefined;
      const windows = JSON.parse(localStorage.getItem(key) as string) as Record<string, object>;
      localStorage.setItem(key, JSON.stringify({ ...windows, accounts: { ...windows.password, open: true } }));
      return key;
    });
    expect(remembered).toEqual(expect.any(String));
    await page.reload();
    await page.waitForSelector('[data-window=password]');
    expect(await page.evaluate((key) => (JSON.parse(localStorage.getItem(key) ?? '{}') as { accounts?: { open?: boolean } }).accounts?.open, remembered as string)).toBe(true);
    expect(await page.locator('[data-window=accounts]').count()).toBe(0);
    expect(refusalOf(await stack.graphql('{ accounts { name } }', undefined, { cookie: await stack.signIn(VIEWER.name, VIEWER.password) }))).toBe('FORBIDDEN');
    await page.close();
  });

  it('gives a signed-in page the new role without a reload when an admin changes it', async () => {
    await stack.graphql('mutation { createAccount(name: "rising", password: "rising-password", role: VIEWER) { name } }', undefined, { cookie: stack.adminCookie });
    const page = await pageAs('rising', 'rising-password');
    expect(await page.locator('[data-open-window=command]').count()).toBe(0);
    await stack.graphql('mutation { setAccountRole(name: "rising", role: OPERATOR) { role } }', undefined, { cookie: stack.adminCookie });
    await page.waitForSelector('[data-open-window=command]', { timeout: 20_000 });
    expect(await page.locator('[data-open-window=password]').textContent()).toBe('rising · operator');
    await page.close();
  });

  it('says on the sign-in page what to do about a lost password', async () => {
    const page = await browser.newPage({ viewport: { width: 1024, height: 768 } });
    await page.goto(base);
    expect(await page.locator('[data-lost-password]').textContent()).toBe("Lost your password? An admin resets it in Accounts; at the server's console, npm run admin -- reset-password <name>.");
    await page.screenshot({ path: '/tmp/accounts-sign-in.png' });
    await page.close();
  });

  it('asks for a password of their own while theirs is a generated one, and lets them change it', async () => {
    // As the first admin's generated password is marked.
    await stack.db.query("UPDATE accounts SET password_change_due = true WHERE name = 'reader'");
    const page = await pageAs(VIEWER.name, VIEWER.password);
    const window = page.locator('[data-window=password]');
    await window.locator('[data-password-due]').waitFor();
    expect(await window.locator('[data-password-due]').textContent()).toContain('choose your own now');
    await page.screenshot({ path: '/tmp/accounts-password-due.png' });
    await window.locator('input[name=currentPassword]').fill('not-my-password');
    await window.locator('input[name=newPassword]').fill('reader-password-2');
    await window.locator('input[name=repeatPassword]').fill('reader-password-2');
    await window.locator('button[type=submit]').click();
    await expect.poll(() => window.locator('[data-password-problem]').textContent()).toBe('The current password is wrong.');
    expect(await window.locator('[data-password-problem]').getAttribute('data-code')).toBe('BAD_USER_INPUT');
    await window.screenshot({ path: '/tmp/password-problem.png' });

    await window.locator('input[name=currentPassword]').fill(VIEWER.password);
    await window.locator('button[type=submit]').click();
    await expect.poll(() => window.locator('[data-password-changed]').textContent()).toBe('Password changed. Sign in with the new one from now on.');
    expect(await window.locator('[data-password-due]').count()).toBe(0);
    expect((await stack.db.query("SELECT password_change_due FROM accounts WHERE name = 'reader'")).rows).toEqual([{ password_change_due: false }]);
    await page.screenshot({ path: '/tmp/accounts-password.png' });
    expect(await signInOutcome(VIEWER.name, VIEWER.password)).toBe('UNAUTHENTICATED');
    expect(await signInOutcome(VIEWER.name, 'reader-password-2')).toBe('VIEWER');
    // This browser stays signed in.
    await page.reload();
    await page.waitForSelector('[data-sign-out]');
    expect(await page.locator('[data-open-window=password]').textContent()).toBe('reader · viewer');
    await page.close();
  });
});

function refusalOf(response: { body: { errors?: { extensions?: Record<string, unknown> }[] } }): unknown {
  return response.body.errors?.[0]?.extensions?.code;
}
