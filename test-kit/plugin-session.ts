import { afterAll, beforeAll, expect, vi } from 'vitest';
import { connectPlugin, INGEST_WAIT, type TestPlugin } from './plugin.js';
import { startTestIngest, TEST_SECRET, type TestIngest } from './ingest.js';

/** Total of a prom-client counter's values across labels. */
export async function acceptedFrames(stack: TestIngest): Promise<number> {
  return (await stack.ingest.metrics.framesAccepted.get()).values.reduce((sum, value) => sum + value.value, 0);
}

/** Sends frames and resolves once ingest accepted them all and committed them. */
export async function sendAndFlush(stack: TestIngest, plugin: TestPlugin, frames: object[]): Promise<void> {
  const target = (await acceptedFrames(stack)) + frames.length;
  for (const frame of frames) plugin.send(frame);
  // vi.waitFor rather than expect.poll: suites send their fixtures from beforeAll too.
  await vi.waitFor(async () => expect(await acceptedFrames(stack)).toBeGreaterThanOrEqual(target), INGEST_WAIT);
  await stack.ingest.flush();
}

/** A suite's ingest and one plugin connected to it; the fields are set once the suite starts. */
export interface PluginSession {
  stack: TestIngest;
  plugin: TestPlugin;
}

/**
 * Starts an ingest and connects a plugin before the suite's tests (sending and
 * committing `frames` first, when given), and closes both after them.
 */
export function usePluginSession(frames: object[] = []): PluginSession {
  const session = {} as PluginSession;
  beforeAll(async () => {
    session.stack = await startTestIngest();
    session.plugin = await connectPlugin(session.stack.ingest.pluginUrl, TEST_SECRET);
    if (frames.length > 0) await sendAndFlush(session.stack, session.plugin, frames);
  });
  afterAll(async () => {
    await session.plugin.close();
    await session.stack.close();
  });
  return session;
}
