import { eventually, type TestPlugin } from '../../test/helpers/plugin.js';
import type { TestIngest } from '../../test/helpers/ingest.js';

/** Total of a prom-client counter's values across labels. */
export async function acceptedFrames(stack: TestIngest): Promise<number> {
  return (await stack.ingest.metrics.framesAccepted.get()).values.reduce((sum, value) => sum + value.value, 0);
}

/** Sends frames and resolves once ingest accepted them all and committed them. */
export async function sendAndFlush(stack: TestIngest, plugin: TestPlugin, frames: object[]): Promise<void> {
  const target = (await acceptedFrames(stack)) + frames.length;
  for (const frame of frames) plugin.send(frame);
  await eventually(() => acceptedFrames(stack), (accepted) => accepted >= target);
  await stack.ingest.flush();
}
