/**
 * Fellowships as the Vital sharing window holds them: each character's last
 * shared vitals and the group it shared them with, from the `fellowships`
 * answer and then from every `share_vitals` event.
 */

/** A character's last shared bars, in percent. */
export interface SharedBars {
  healthPct: number;
  staminaPct: number;
  manaPct: number;
  vitaePct: number;
}

/** What one character last shared. */
export interface SharedReport {
  group: string;
  vitals: SharedBars;
  /** When the character observed them (ms). */
  time: number;
}

/** A fellowship and its members, by name. */
export interface FellowshipView {
  name: string;
  members: ({ name: string } & SharedReport)[];
}

/** Reports older than this drop out (the graph's own window). */
export const FELLOWSHIP_WINDOW_MS = 5 * 60_000;

/** `reports` with `name`'s new report, unless the one held is newer; a character counts in its last group only. */
export function applyShare(reports: ReadonlyMap<string, SharedReport>, name: string, report: SharedReport): Map<string, SharedReport> {
  const next = new Map(reports);
  const held = reports.get(name);
  if (!held || held.time <= report.time) next.set(name, report);
  return next;
}

/**
 * The reports of a `fellowships` answer, keeping the held reports that are
 * newer (events that raced the answer) and dropping those older than the
 * window at `now` that the answer no longer holds.
 */
export function mergeAnswer(reports: ReadonlyMap<string, SharedReport>, answer: ReadonlyMap<string, SharedReport>, now: number): Map<string, SharedReport> {
  const next = new Map(answer);
  for (const [name, held] of reports) {
    const answered = answer.get(name);
    if (answered ? held.time > answered.time : now - held.time <= FELLOWSHIP_WINDOW_MS) next.set(name, held);
  }
  return next;
}

/** The fellowships, `first`'s (the selected character's) first, then by name; members by name. */
export function fellowshipsOf(reports: ReadonlyMap<string, SharedReport>, first?: string): FellowshipView[] {
  const groups = new Map<string, FellowshipView>();
  for (const [name, report] of reports) {
    let group = groups.get(report.group);
    if (!group) groups.set(report.group, (group = { name: report.group, members: [] }));
    group.members.push({ name, ...report });
  }
  const leading = first ? reports.get(first)?.group : undefined;
  for (const group of groups.values()) group.members.sort((a, b) => a.name.localeCompare(b.name));
  return [...groups.values()].sort((a, b) => Number(b.name === leading) - Number(a.name === leading) || a.name.localeCompare(b.name));
}
