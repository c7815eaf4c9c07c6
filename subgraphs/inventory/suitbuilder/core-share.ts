/**
 * How the search thread shares the cores with the subgraph's other requests
 * (README.md, "Sharing the cores"): every query and entity resolver runs in
 * `answering`, which counts it in a counter the search thread reads.
 */

/** How many of the subgraph's other requests are being answered; every search thread reads it. */
export const othersAnswering = new Int32Array(new SharedArrayBuffer(4));

/**
 * Runs `work`, the answer to one of the subgraph's other requests (a query,
 * an entity's field). While any runs, searches take at most a quarter of a
 * core, so that it is answered about as fast as with no search running.
 */
export async function answering<T>(work: () => Promise<T>): Promise<T> {
  Atomics.add(othersAnswering, 0, 1);
  try {
    return await work();
  } finally {
    // The last one answered wakes a search waiting for its turn.
    if (Atomics.sub(othersAnswering, 0, 1) === 1) Atomics.notify(othersAnswering, 0);
  }
}
