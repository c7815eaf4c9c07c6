import type { Frame } from './frames.js';

/**
 * A frame as the parser hands it over, from its JSON (`JSON.parse` of
 * `JSON.stringify(frame)`): the fields the parser turns into Dates are Dates
 * again. JSON keeps everything else a parsed frame holds as it is (finite
 * numbers, strings, null, arrays, plain objects, `extra` with any keys).
 * revive.test.ts checks the list below against the schemas.
 */
export function reviveFrame(value: Record<string, unknown>): Frame {
  value.timestamp = new Date(value.timestamp as string);
  if (value.type === 'quest') {
    for (const quest of value.quests as Array<{ completed_at: string | Date | null }>) {
      if (quest.completed_at !== null) quest.completed_at = new Date(quest.completed_at);
    }
  }
  return value as unknown as Frame;
}
