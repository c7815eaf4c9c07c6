/**
 * What the Character window derives from a sheet: skills in the order the
 * game's panel shows them and quest timers as live countdowns.
 */
import { secondsLeft } from '../components/countdown';

/** The game's skill panel order: specialized, trained, untrained, then anything else. */
const TRAINING_ORDER = ['Specialized', 'Trained', 'Untrained'];

function trainingRank(training: string | null | undefined): number {
  const rank = TRAINING_ORDER.indexOf(training ?? '');
  return rank < 0 ? TRAINING_ORDER.length : rank;
}

/** Skills by training (specialized first), then by name. */
export function orderSkills<Skill extends { name: string; training?: string | null }>(skills: readonly Skill[]): Skill[] {
  return [...skills].sort((a, b) => trainingRank(a.training) - trainingRank(b.training) || a.name.localeCompare(b.name));
}

/** A quest timer as the window lists it. */
export interface QuestTimer<Quest> {
  quest: Quest;
  /** Seconds until it can be done again at `now`; null when the plugin did not say. */
  remaining: number | null;
}

/**
 * Quest timers with their countdowns at `now` (ms), ready ones first, then by
 * time left, then by name; timers the plugin gave no time for come last.
 */
export function questTimers<Quest extends { name: string; availableInSeconds?: number | null; reportedAt: string }>(quests: readonly Quest[], now: number): QuestTimer<Quest>[] {
  return quests
    .map((quest) => ({ quest, remaining: quest.availableInSeconds == null ? null : secondsLeft(quest.availableInSeconds, quest.reportedAt, now) }))
    .sort((a, b) => {
      if (a.remaining == null || b.remaining == null) return a.remaining == null ? (b.remaining == null ? a.quest.name.localeCompare(b.quest.name) : 1) : -1;
      return a.remaining - b.remaining || a.quest.name.localeCompare(b.quest.name);
    });
}
