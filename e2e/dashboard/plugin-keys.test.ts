/**
 * Plugin keys in headless Chromium against the real stack: an admin
 * creates one in the Accounts window (shown once), sets its characters and
 * revokes it; what the window shows is checked against what ingest then
 * does with a plugin using the key.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectPlugin, INGEST_WAIT } from '@lifestone/test-kit/plugin';
import type { TestStack } from '@lifestone/test-kit/stack';
import { hasChromium, screenshot, signedInPage, startDashboardStack } from './browser.js';

const T = '2026-11-21T10:00:00.000Z';
const chat = (character: string, text: string) => ({ type: 'chat', character_name: character, timestamp: T, channel: 'General', text });

describe.skipIf(!hasChromium)('plugin keys in the Accounts window', () => {
  let stack: TestStack;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    ({ stack, browser, base } = await startDashboardStack());
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('lists, creates (shown once), sets characters of and revokes plugin keys, which ingest follows', async () => {
    const page = await signedInPage(browser, base, { name: stack.admin.name, password: stack.admin.password });
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.click('[data-open-window=accounts]');
    const window = page.locator('[data-window=accounts]');
    const keys = window.locator('[data-plugin-keys]');
    await keys.locator('[data-create-plugin-key]').waitFor();

    await keys.locator('input[name=pluginKeyName]').fill('holly-laptop');
    await keys.locator('input[name=pluginKeyCharacters]').fill('Holly, Ivy Leaf');
    await keys.locator('[data-create-plugin-key] button[type=submit]').click();
    const key = (await keys.locator('[data-revealed=plugin-key] [data-secret]').textContent()) ?? '';
    expect(key).toMatch(/^lsp_[A-Za-z0-9_-]{43}$/);
    const row = keys.locator('[data-plugin-key=holly-laptop]');
    await expect.poll(() => row.locator('[data-key-characters]').textContent()).toBe('Holly, Ivy Leaf');
    const box = await window.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 1024).toBe(true);
    await screenshot(page, 'accounts-plugin-key-created');
    await keys.locator('[data-revealed=plugin-key] button').click();
    expect(await keys.locator('[data-revealed]').count()).toBe(0);

    // The key the window showed connects a plugin, which writes as the characters the key holds.
    const plugin = await connectPlugin(stack.ingest.ingest.pluginUrl, undefined, { 'x-plugin-key': key });
    await stack.send(plugin, [chat('Ivy Leaf', 'hello')]);
    await row.locator('[data-set-characters]').click();
    await row.locator('input[name=keyCharacters]').fill('Holly');
    await row.locator('[data-edit-characters] button[type=submit]').click();
    await expect.poll(() => keys.locator('[data-plugin-keys-done]').textContent()).toBe('holly-laptop holds Holly.');
    await expect.poll(() => row.locator('[data-key-characters]').textContent()).toBe('Holly');
    await expect.poll(async () => {
      plugin.send(chat('Ivy Leaf', 'no longer held'));
      await stack.ingest.ingest.flush();
      return plugin.received.some((frame) => frame.type === 'error' && frame.code === 'CHARACTER_NOT_HELD');
    }, INGEST_WAIT).toBe(true);
    expect((await stack.db.query('SELECT text FROM chat_messages WHERE character_name = $1', ['Ivy Leaf'])).rows).toStrictEqual([{ text: 'hello' }]);

    const closed = new Promise<number>((resolve) => plugin.socket.once('close', (code) => resolve(code)));
    await row.locator('[data-revoke-plugin-key]').click();
    await expect.poll(() => keys.locator('[data-plugin-keys-done]').textContent()).toBe('Revoked the plugin key holly-laptop; its plugins were disconnected.');
    expect(await closed).toBe(4403);
    await expect.poll(() => row.getAttribute('data-revoked')).toBe('true');
    await expect(connectPlugin(stack.ingest.ingest.pluginUrl, undefined, { 'x-plugin-key': key })).rejects.toThrow('refused with HTTP 401');
    await screenshot(page, 'accounts-plugin-key-revoked');
    await page.close();
  });
});
