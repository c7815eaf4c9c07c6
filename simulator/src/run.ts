/**
 * The runs of one simulated world: `npm start` counts its starts in the data
 * folder, so that the fleet continues after a restart instead of replaying
 * the same events (the same vortex, the same death) from its seed.
 */
import { readFile, writeFile } from 'node:fs/promises';

/** The run after the one `file` holds (1 when it holds none), written back to it. */
export async function nextWorldRun(file: string): Promise<number> {
  const last = Number.parseInt(await readFile(file, 'utf8').catch(() => '0'), 10);
  const run = Number.isSafeInteger(last) && last >= 0 ? last + 1 : 1;
  await writeFile(file, `${run}\n`);
  return run;
}
