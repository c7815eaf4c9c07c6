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
}

/** Sightings of the same line by different characters are this close in time. */
export const SAME_LINE_MS = 5_000;
/** How far back from the newest entry a sighting is looked for. */
const LOOK_BACK = 300;

function sameLine(entry: ChatEntry, message: ChatMessageLike, at: number): boolean {
  return entry.channel === message.channel && entry.text === message.text && entry.sender === (message.sender ?? null) && Math.abs(entry.at - at) <= SAME_LINE_MS;
}

/**
 * `log` with `messages` added, oldest first, at most `limit` entries (the
 * oldest go). Adding a line again, or the same line seen by another character
 * within {@link SAME_LINE_MS}, adds no entry. Returns a new array.
 */
export function addChatLines(log: readonly ChatEntry[], messages: readonly ChatMessageLike[], limit: number): ChatEntry[] {
  const next = [...log];
  for (const message of messages) {
    const at = Date.parse(message.time);
    let found: ChatEntry | undefined;
    for (let index = next.length - 1; index >= Math.max(0, next.length - LOOK_BACK); index--) {
      const entry = next[index] as ChatEntry;
      if (sameLine(entry, message, at)) {
        found = entry;
        break;
      }
    }
    if (found) {
      if (!found.heardBy.includes(message.character)) {
        const index = next.indexOf(found);
        next[index] = { ...found, heardBy: [...found.heardBy, message.character] };
      }
      continue;
    }
    const entry: ChatEntry = {
      id: `${message.character}\u0000${message.time}\u0000${message.channel}\u0000${message.text}`,
      channel: message.channel,
      color: message.color ?? null,
      sender: message.sender ?? null,
      text: message.text,
      time: message.time,
      at,
      heardBy: [message.character],
    };
    let position = next.length;
    while (position > 0 && (next[position - 1] as ChatEntry).at > at) position--;
    next.splice(position, 0, entry);
  }
  return next.length > limit ? next.slice(next.length - limit) : next;
}

/** The channels to offer in the filter: the usual ones, then any other seen, by name. */
export function chatChannels(usual: readonly string[], log: readonly ChatEntry[]): string[] {
  const seen = new Set(log.map((entry) => entry.channel));
  for (const channel of usual) seen.delete(channel);
  return [...usual, ...[...seen].sort((a, b) => a.localeCompare(b))];
}
