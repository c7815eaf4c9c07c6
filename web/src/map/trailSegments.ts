/**
 * Characters recall, portal and die: their trail jumps across the map. A
 * trail is drawn as separate runs, broken wherever two consecutive points are
 * further apart than anyone can walk between two reports.
 */

/** Points further apart than this (coordinate units, 240 m each) are a jump, not a walk. @default 2 */
export const TRAIL_JUMP = 2;

/** `points` ([ns, ew], oldest first) cut at every jump; runs of a single point are left out. */
export function trailRuns(points: ReadonlyArray<[number, number]>, jump = TRAIL_JUMP): Array<Array<[number, number]>> {
  const runs: Array<Array<[number, number]>> = [];
  let run: Array<[number, number]> = [];
  for (const point of points) {
    const last = run.at(-1);
    if (last && Math.hypot(point[0] - last[0], point[1] - last[1]) > jump) {
      if (run.length > 1) runs.push(run);
      run = [];
    }
    run.push(point);
  }
  if (run.length > 1) runs.push(run);
  return runs;
}

/**
 * `points` ending at the dot rather than ahead of it: while a dot glides to
 * its last report (`target`), a trail whose last point is that report ends
 * where the dot is drawn (`drawn`) instead. The same array when nothing is
 * cut.
 */
export function trailToDot(points: ReadonlyArray<[number, number]>, drawn: readonly [number, number] | undefined, target: readonly [number, number] | undefined): ReadonlyArray<[number, number]> {
  const last = points.at(-1);
  if (!last || !drawn || !target || last[0] !== target[0] || last[1] !== target[1]) return points;
  if (drawn[0] === target[0] && drawn[1] === target[1]) return points;
  return [...points.slice(0, -1), [drawn[0], drawn[1]]];
}
