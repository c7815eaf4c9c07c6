/**
 * The Chat window's log: history and live lines merged, in the order the
 * characters saw them, bounded. A public line heard by several characters
 * (General, Trade, a fellowship) arrives once per character: it is shown once,
 * with who heard it.
 */

/** A chat line as the graph gives it, from `Query.chat` or a CHAT event. */
export interface ChatMessageLike {
  character: string;
  channel: string;
  color?: number | null;
  sender?: string | null;
  text: string;
  /** When the character saw it (ISO-8601). */
  time: string;
}

/** One line of the log. */
export interface ChatEntry {
  /** Stable for the line's life: its first sighting. */
  id: string;
  channel: string;
  color: number | null;
  sender: string | null;
  text: string;
  time: string;
  /** Time in ms, for ordering. */
  at: number;
  /** The characters that saw it, in arrival order. */
  heardBy: string[];
  /** Each sighting's {@link sightingKey}: the same sighting again adds nothing. */
  sightings: string[];
}

/** Sightings of the same line by different characters are this close in time. */
export const SAME_LINE_MS = 5_000;

/** One character's sighting of one line: who, when (to the ms, whatever the time's notation), where, from whom, what. */
function sightingKey(message: ChatMessageLike, at: number): string {
  return [message.character, at, message.channel, message.sender ?? '', message.text].join('\u0000');
}

/** What makes two sightings the same words: channel, sender, text. */
function wordsKey(channel: string, sender: string | null | undefined, text: string): string {
  return [channel, sender ?? '', text].join('\u0000');
}

/**
 * `log` with `messages` added, oldest first, at most `limit` entries (the
 * oldest go). A sighting already in the log (history and live overlap, or
 * history asked again for a channel) adds nothing, however far back it is; the
 * same words seen by another character within {@link SAME_LINE_MS} join that
 * line's `heardBy`; the same character hearing them again is a line of its
 * own. Returns a new array.
 */
export function addChatLines(log: readonly ChatEntry[], messages: readonly ChatMessageLike[], limit: number): ChatEntry[] {
  const next = [...log];
  const seen = new Set(log.flatMap((entry) => entry.sightings));
  const byWords = new Map<string, ChatEntry[]>();
  const remember = (entry: ChatEntry) => {
    const key = wordsKey(entry.channel, entry.sender, entry.text);
    const entries = byWords.get(key);
    if (entries) entries.push(entry);
    else byWords.set(key, [entry]);
  };
  log.forEach(remember);

  for (const message of messages) {
    const at = Date.parse(message.time);
    const sighting = sightingKey(message, at);
    if (seen.has(sighting)) continue;
    seen.add(sighting);
    const candidates = byWords.get(wordsKey(message.channel, message.sender, message.text)) ?? [];
    const found = candidates.find((entry) => Math.abs(entry.at - at) <= SAME_LINE_MS && !entry.heardBy.includes(message.character));
    if (found) {
      const merged = { ...found, heardBy: [...found.heardBy, message.character], sightings: [...found.sightings, sighting] };
      next[next.indexOf(found)] = merged;
      candidates[candidates.indexOf(found)] = merged;
      continue;
    }
    const entry: ChatEntry = {
      id: sighting,
      channel: message.channel,
      color: message.color ?? null,
      sender: message.sender ?? null,
      text: message.text,
      time: message.time,
      at,
      heardBy: [message.character],
      sightings: [sighting],
    };
    let position = next.length;
    while (position > 0 && (next[position - 1] as ChatEntry).at > at) position--;
    next.splice(position, 0, entry);
    remember(entry);
  }
  return next.length > limit ? next.slice(next.length - limit) : next;
}
/** The channels to offer in the filter: the usual ones, then any other seen, by name. */
export function chatChannels(usual: readonly string[], log: readonly ChatEntry[]): string[] {
  const seen = new Set(log.map((entry) => entry.channel));
  for (const channel of usual) seen.delete(channel);
  return [...usual, ...[...seen].sort((a, b) => a.localeCompare(b))];
}
