import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Folders whose suites each start a whole stack, a browser, a game server or
 * `npm start`: from 10 s to 80 s each, where most other files take under one.
 */
const SLOW_FOLDERS = ['e2e/', 'scripts/test/', 'minecraft/test/', 'discord/test/'];

/**
 * Vitest's order (the last run's durations, or file size on a clean clone,
 * as CI's is), with the slow folders' suites first. Two workers then finish
 * on small files together, instead of one waiting while the other runs a
 * minute-long suite that a clean clone's size order put last
 * (e2e/simulated-rates, the smallest of them, runs 76 s).
 */
export default class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const slow = (file: TestSpecification) => {
      const path = relative(file.project.config.root, file.moduleId);
      return SLOW_FOLDERS.some((folder) => path.startsWith(folder));
    };
    return [...sorted.filter(slow), ...sorted.filter((file) => !slow(file))];
  }
}
