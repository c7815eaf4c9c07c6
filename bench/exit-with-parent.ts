/**
 * Loaded first in every benchmark child (see forkChild): the child ends
 * once the benchmark that started it is gone, however it ended, so that a
 * benchmark stopped midway leaves no load running on the machine to skew
 * the next run.
 */
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) process.exit(1);
}, 1_000).unref();
