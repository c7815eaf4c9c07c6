/**
 * The Issues window's logic: from the fleet as the graph reports it, what
 * needs a person now, the worst first. A game server down; a character
 * dead; a plugin refusing frames or stopped reporting; a character stuck
 * (its automation busy, the character going nowhere: `Character.stuck`); a
 * character idle (an IDLE alert not yet followed by IDLE_ENDED).
 */
import type { FleetIdleAlertsQuery, FleetIssuesQuery } from '../graph/generated/graphql';
import { HealthTier, healthTier, lastRefusal, refusedTotal } from '../health/health';

/** The kinds of issue, worst first. */
export const ISSUE_KINDS = ['SERVER_DOWN', 'DEAD', 'STOPPED', 'REFUSING', 'STUCK', 'IDLE'] as const;
export type IssueKind = (typeof ISSUE_KINDS)[number];

/** How each kind reads. */
export const ISSUE_LABELS: Record<IssueKind, string> = {
  SERVER_DOWN: 'Server down',
  DEAD: 'Dead',
  STOPPED: 'Stopped reporting',
  REFUSING: 'Plugin refusing frames',
  STUCK: 'Stuck',
  IDLE: 'Idle',
};

/** How far back idle alerts are read: a character idle longer than this shows only if its alert is in the window. */
export const IDLE_LOOKBACK_MS = 6 * 3_600_000;

/** One thing that needs a person. */
export interface Issue {
  kind: IssueKind;
  /** The character, or the game server. */
  subject: string;
  /** Whether `subject` is a character (to show on the map). */
  character: boolean;
  /** What is wrong, as a sentence. */
  detail: string;
  /** Since when (ISO), when known. */
  since: string | null;
}

/** Metres in a map unit, to say how small the area a stuck character keeps to is. */
const METRES_PER_UNIT = 240;

/** The VTank state a dead character reports. */
const DEAD_STATE = 'dead';

/** What needs a person at `now` (ms), from the fleet and its idle alerts: worst kind first, the oldest first within a kind. */
export function fleetIssues(data: FleetIssuesQuery, idleAlerts: FleetIdleAlertsQuery['alerts']['edges'], now: number): Issue[] {
  const issues: Issue[] = [];
  for (const server of data.serverStatus) {
    if (server.status === 'DOWN') issues.push({ kind: 'SERVER_DOWN', subject: server.server, character: false, detail: 'The game server does not answer.', since: server.since });
  }
  const idleSince = new Map<string, string>();
  const latest = new Map<string, { type: string; time: string }>();
  for (const { node } of idleAlerts) {
    const known = latest.get(node.character);
    if (!known || Date.parse(node.time) >= Date.parse(known.time)) latest.set(node.character, node);
  }
  for (const [character, alert] of latest) if (alert.type === 'IDLE') idleSince.set(character, alert.time);
  for (const row of data.characters) {
    const tier = healthTier({ ...row, plugin: null }, now);
    if (tier === HealthTier.StoppedReporting) {
      issues.push({ kind: 'STOPPED', subject: row.name, character: true, detail: 'Its plugin sent nothing for over 30 s: the game or the plugin stopped.', since: row.lastSeen });
      continue;
    }
    if (!row.online) continue;
    if (row.state?.toLowerCase() === DEAD_STATE) issues.push({ kind: 'DEAD', subject: row.name, character: true, detail: 'Dead: it needs a recall or a rez.', since: null });
    if (tier === HealthTier.Refusing) {
      const refusal = lastRefusal(row);
      issues.push({ kind: 'REFUSING', subject: row.name, character: true, detail: `${refusedTotal(row)} frames refused; the last: ${refusal?.lastMessage ?? 'no message'}`, since: refusal?.lastAt ?? null });
    }
    if (row.stuck) {
      // Stuck says more than idle: its automation thinks it is busy. One entry, not both.
      const metres = Math.max(1, Math.round(row.stuck.extent * METRES_PER_UNIT));
      issues.push({
        kind: 'STUCK', subject: row.name, character: true,
        detail: `Its automation says ${row.stuck.state}, yet for 5 minutes it has killed nothing and kept within ${metres} m: against a wall, a door or a ledge.`,
        since: row.stuck.since,
      });
      continue;
    }
    const idle = idleSince.get(row.name);
    if (idle && row.state?.toLowerCase() !== DEAD_STATE) issues.push({ kind: 'IDLE', subject: row.name, character: true, detail: 'Idle: its automation stopped.', since: idle });
  }
  const order = (issue: Issue) => ISSUE_KINDS.indexOf(issue.kind);
  return issues.sort((a, b) => order(a) - order(b) || Date.parse(a.since ?? '') - Date.parse(b.since ?? '') || a.subject.localeCompare(b.subject));
}
