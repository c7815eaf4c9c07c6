/**
 * What the rates, goals and value tracker share between the Character window
 * and the Fleet board: the window a person picks (kept across reloads), and
 * how a goal's estimate reads.
 */
import { shallowRef, watch } from 'vue';
import type { GoalKind, RateWindow } from '../graph/generated/graphql';
import { formatClock, formatDateTime, formatNumber } from '../components/format';

/** The windows a person may pick, in the order the buttons show them. */
export const RATE_WINDOWS: ReadonlyArray<{ window: RateWindow; label: string; title: string }> = [
  { window: 'SESSION', label: 'Session', title: 'Since the character logged in' },
  { window: 'HOUR', label: '1 h', title: 'The last hour' },
  { window: 'SIX_HOURS', label: '6 h', title: 'The last 6 hours' },
  { window: 'DAY', label: '24 h', title: 'The last 24 hours' },
];

const STORAGE_KEY = 'lifestone.rateWindow';

function storedWindow(): RateWindow {
  const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
  return RATE_WINDOWS.some((choice) => choice.window === stored) ? (stored as RateWindow) : 'SESSION';
}

/** The window both views measure over: one choice for the whole dashboard. */
export const rateWindow = shallowRef<RateWindow>(storedWindow());
watch(rateWindow, (window) => globalThis.localStorage?.setItem(STORAGE_KEY, window));

/** What a goal's estimate says: `reached`, a date, or `not at this rate`. */
export function goalEstimate(goal: { reachedAt?: string | null; estimatedAt?: string | null; reachable: boolean }): string {
  if (goal.reachedAt) return `reached ${formatDateTime(goal.reachedAt)}`;
  if (goal.estimatedAt) return formatDateTime(goal.estimatedAt);
  return 'not at this rate';
}

/** Progress as `12 / 50`, or for a level `level 120 of 150`. */
export function goalProgress(goal: { kind: GoalKind; progress: number; target: number }): string {
  if (goal.kind === 'LEVEL') return `level ${formatNumber(goal.progress)} of ${formatNumber(goal.target)}`;
  return `${formatNumber(goal.progress)} / ${formatNumber(goal.target)}`;
}

/** The goal kinds as the form offers them. */
export const GOAL_KINDS: ReadonlyArray<{ kind: GoalKind; label: string; placeholder: string }> = [
  { kind: 'LEVEL', label: 'Level', placeholder: 'level to reach, up to 275' },
  { kind: 'EXPERIENCE', label: 'Experience', placeholder: 'experience to earn' },
  { kind: 'KILLS', label: 'Kills of a monster', placeholder: 'kills' },
  { kind: 'RARES', label: 'Rares', placeholder: 'rares to find' },
];

/** Why the goal form cannot be sent yet, or undefined: what the graph would refuse, said before asking it. */
export function goalFormProblem(form: { kind: GoalKind; target: string; monster: string }): string | undefined {
  const target = Number(form.target);
  if (form.target.trim() === '' || !Number.isSafeInteger(target) || target <= 0) return 'Enter a whole number above zero.';
  if (form.kind === 'LEVEL' && target > 275) return "Asheron's Call stops at level 275.";
  if (form.kind === 'KILLS' && form.monster.trim() === '') return 'Name the monster to count.';
  return undefined;
}

/** Why experience (and luminance) per hour has no figure yet, and when it will: a few words for the cell, a sentence beside the table. */
export interface XpRateNote {
  cell: string;
  sentence: string;
}

/**
 * The note for a rate without experience per hour: the protocol carries
 * experience only in character sheets (at login, then every 10 minutes),
 * and a rate needs two. Undefined when there is a figure.
 */
export function xpRateNote(rates: { xpPerHour?: number | null; xpSheets: number; xpPerHourDueAt?: string | null }, now: number): XpRateNote | undefined {
  if (rates.xpPerHour != null) return undefined;
  const why = 'Experience and luminance come only in character sheets, which the plugin sends at login and every 10 minutes; a rate needs two';
  if (!rates.xpPerHourDueAt) return { cell: 'no sheet yet', sentence: `${why}, and this character has sent none.` };
  const due = Date.parse(rates.xpPerHourDueAt);
  const minutes = Math.ceil((due - now) / 60_000);
  const have = rates.xpSheets === 0 ? 'none has come in this window yet' : 'one has come';
  if (minutes <= 0) return { cell: 'sheet late', sentence: `${why}; ${have}, and the one due at ${formatClock(due)} has not: its plugin may have stopped.` };
  return { cell: `in ${minutes} min`, sentence: `${why}; ${have}. Their rates show from about ${formatClock(due)} (in ${minutes} min).` };
}
