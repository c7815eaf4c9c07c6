/**
 * The Assistant and Mind's Eye windows end to end in headless Chromium,
 * against the real stack (ingest, the four subgraphs, the gateway serving
 * the built dashboard) with the assistant talking to the scripted model
 * server: an answer streams into the Assistant window while Mind's Eye shows
 * the tool call and the map rings the character it looked at; a reload
 * reopens the conversation. The asker is a viewer: Mind's Eye shows a
 * person the tool calls of their own questions. Screenshots in
 * test-artifacts/web/.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assistantSubgraph } from '../../subgraphs/assistant/index.js';
import { startModelServer, type ModelServer } from '@lifestone/test-kit/model-server';
import type { TestStack } from '@lifestone/test-kit/stack';
import { hasChromium, screenshot, signedInPage, startDashboardStack, type PageGlobals } from './browser.js';

const CHARACTER = 'Focus Tester';
const QUESTION = `Where is ${CHARACTER} and what is it doing?`;
const ANSWER = `${CHARACTER} is fighting at 40.1S, 12.3E.`;

describe.skipIf(!hasChromium)('the assistant in the dashboard', () => {
  let model: ModelServer;
  let stack: TestStack;
  let browser: Browser;
  let base: string;
  const viewer = { name: 'Vera', password: 'vera-password-1' };

  beforeAll(async () => {
    model = await startModelServer();
    ({ stack, browser, base } = await startDashboardStack({
      positionsTickMs: 250,
      assistant: { model: { model: { provider: 'anthropic', url: model.anthropicUrl, apiKey: 'test-key', model: 'scripted-model' } } },
    }));
    const created = await stack.graphql('mutation Viewer($name: String!, $password: String!) { createAccount(name: $name, password: $password, role: VIEWER) { name } }', viewer, { cookie: stack.adminCookie });
    expect(created.body.errors).toBeUndefined();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
    await model?.close();
  });

  function adminPage(): Promise<Page> {
    return signedInPage(browser, base, stack.admin);
  }
  function viewerPage(): Promise<Page> {
    return signedInPage(browser, base, viewer);
  }

  const assistantMessages = (page: Page) =>
    page.locator('[data-window=assistant] [data-assistant-message]').evaluateAll((elements) =>
      elements.map((element) => [element.getAttribute('data-assistant-message'), element.querySelector('[data-assistant-text]')?.textContent ?? '']),
    );
  const focusCount = (page: Page) => page.getAttribute('[data-assistant-focus]', 'data-assistant-focus');

  it("streams an answer while Mind's Eye shows the tool call and the map rings the character; a reload reopens the conversation", async () => {
    const plugin = await stack.connectPlugin();
    await stack.send(plugin, [{ type: 'telemetry', character_name: CHARACTER, timestamp: Date.now(), ew: 12.3, ns: -40.1, z: 5, vt_state: 'Combat' }]);
    let endAnswer!: () => void;
    model.script(
      { toolCalls: [{ id: 'toolu_focus_1', name: 'player_state', arguments: { name: CHARACTER } }] },
      { text: [`${CHARACTER} `, 'is fighting ', 'at 40.1S, 12.3E.'], holdBeforeEnd: new Promise<void>((resolve) => (endAnswer = resolve)) },
    );

    const page = await viewerPage();
    await page.waitForFunction((name) => Boolean((globalThis as unknown as PageGlobals).__LIFESTONE__?.fleet()[name]), CHARACTER, { timeout: 15_000 });
    await openWindow(page, 'mindsEye');
    await openWindow(page, 'assistant');
    await page.waitForSelector('[data-window=assistant] [data-assistant-model]');
    await page.fill('[data-window=assistant] [data-assistant-input]', QUESTION);
    await page.click('[data-window=assistant] [data-assistant-send]');

    // The answer so far, still being written: the model holds its last event until the test lets it go.
    const streaming = page.locator('[data-window=assistant] [data-assistant-message=ASSISTANT][data-streaming] [data-assistant-text]');
    await expect.poll(() => streaming.textContent(), { timeout: 20_000 }).toContain('at 40.1S, 12.3E.');
    await page.waitForSelector('[data-window=assistant] [data-tool-call=player_state][data-tool-state=done]');

    const trace = page.locator('[data-window=mindsEye] [data-trace="toolu_focus_1"]');
    await page.waitForSelector('[data-window=mindsEye] [data-trace="toolu_focus_1"][data-tool-state=done]');
    expect(await trace.locator('[data-trace-user]').textContent()).toBe('Vera');
    expect(await page.locator('[data-window=mindsEye] .bar').textContent()).toContain('your sessions');
    expect(await trace.locator('[data-trace-tool]').textContent()).toBe('player_state');
    expect(await trace.locator('[data-trace-arguments]').textContent()).toBe(`name=${CHARACTER}`);
    expect(await trace.locator('[data-trace-duration]').textContent()).toMatch(/^\d+ ms$|^\d+\.\d s$/);
    expect(await trace.locator('[data-trace-result]').textContent()).toContain(CHARACTER);
    expect(await page.getAttribute('[data-window=mindsEye] [data-minds-eye-session]', 'data-session-state')).toBe('active');
    await expect.poll(() => focusCount(page)).not.toBe('0');
    expect(Number(await focusCount(page))).toBeGreaterThanOrEqual(1);
    await screenshot(page, 'assistant');

    // One answer at a time per user: the same account asking from another tab meanwhile is told when to retry, and keeps its question.
    const other = await viewerPage();
    await openWindow(other, 'assistant');
    await other.waitForSelector('[data-window=assistant] [data-assistant-model]');
    await other.fill('[data-window=assistant] [data-assistant-input]', 'Anything else?');
    await other.click('[data-window=assistant] [data-assistant-send]');
    const refused = other.locator('[data-window=assistant] [data-assistant-error]');
    await refused.waitFor({ timeout: 10_000 });
    expect(await refused.getAttribute('data-error-code')).toBe('ASK_IN_FLIGHT');
    expect(await refused.textContent()).toMatch(/one at a time\. Ask again when it is done, within \d+ s at most\.$/);
    expect(await other.inputValue('[data-window=assistant] [data-assistant-input]')).toBe('Anything else?');
    expect(await other.locator('[data-window=assistant] [data-assistant-message]').count()).toBe(0);
    await screenshot(other, 'assistant-refused');
    await other.close();

    endAnswer();
    await page.waitForSelector('[data-window=assistant] [data-assistant-message=ASSISTANT]:not([data-streaming])', { timeout: 10_000 });
    expect(await assistantMessages(page)).toEqual([
      ['USER', QUESTION],
      ['ASSISTANT', ANSWER],
    ]);
    expect(model.requests).toHaveLength(2);

    // Ten seconds after its last trace the session is idle and the map lets the character go.
    await page.waitForSelector('[data-window=mindsEye] [data-minds-eye-session][data-session-state=idle]', { timeout: 15_000 });
    await expect.poll(() => focusCount(page), { timeout: 5_000 }).toBe('0');
    await screenshot(page, 'minds-eye-idle');

    await page.reload();
    await page.waitForSelector('[data-window=assistant] [data-assistant-message=ASSISTANT]', { timeout: 15_000 });
    expect(await assistantMessages(page)).toEqual([
      ['USER', QUESTION],
      ['ASSISTANT', ANSWER],
    ]);
    expect(await page.locator('[data-window=assistant] [data-tool-call=player_state]').getAttribute('data-tool-state')).toBe('done');
    // One session: the other tab's, made for its refused question, was deleted again.
    await expect.poll(() => page.locator('[data-window=assistant] [data-assistant-session]').count()).toBe(1);
    expect(await page.locator('[data-window=assistant] [data-assistant-session]').getAttribute('aria-current')).toBe('true');

    // A model that fails: the answer says so, and the window takes the next question.
    model.script({ status: 529, errorBody: '{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}' });
    await page.fill('[data-window=assistant] [data-assistant-input]', 'And now?');
    await page.click('[data-window=assistant] [data-assistant-send]');
    const failed = page.locator('[data-window=assistant] [data-assistant-answer-error]');
    await failed.waitFor({ timeout: 15_000 });
    expect(await failed.getAttribute('data-error-code')).toBe('MODEL_ERROR');
    expect(await failed.textContent()).not.toBe('');
    await page.waitForSelector('[data-window=assistant] [data-assistant-send]');
    await screenshot(page, 'assistant-restored');
    await page.close();
  }, 120_000);

  it('says how to configure a model instead of offering the input when none is', async () => {
    await stack.restartSubgraph('assistant', assistantSubgraph({ model: { hint: 'The assistant has no language model configured. Set LIFESTONE_LLM_PROVIDER=anthropic.' }, asksPerHour: 60, timeoutMs: 30_000 }));
    const page = await adminPage();
    await openWindow(page, 'assistant');
    const hint = page.locator('[data-window=assistant] [data-assistant-hint]');
    await hint.waitFor({ timeout: 15_000 });
    expect(await hint.locator('code').first().textContent()).toBe('LIFESTONE_LLM_PROVIDER=anthropic');
    expect(await page.locator('[data-window=assistant] [data-assistant-input]').count()).toBe(0);
    await screenshot(page, 'assistant-not-configured');
    await page.close();
  }, 60_000);
});

async function openWindow(page: Page, id: string): Promise<void> {
  if ((await page.locator(`[data-window=${id}]`).count()) === 0) await page.click(`[data-open-window=${id}]`);
  await page.waitForSelector(`[data-window=${id}]`);
}
