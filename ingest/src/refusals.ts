import type pg from 'pg';
import type { Logger } from '@lifestone/lib/log';

/** Frames refused with one code for one character since the last write, and the last of them. */
interface RefusalTally {
  character: string;
  code: string;
  refused: number;
  lastMessage: string;
  lastAt: Date;
}

/** The longest message kept: a refusal's message quotes what the plugin sent. */
const MESSAGE_MAX = 500;

/**
 * Counts refused frames per character and code in memory and upserts the
 * counts into `plugin_refusals` once per `intervalMs`: a plugin flooding
 * refused frames costs a map lookup per frame and one row write per code
 * and interval, never a write per frame.
 */
export class RefusalRecorder {
  private tallies = new Map<string, RefusalTally>();
  private writing: Promise<void> = Promise.resolve();
  private readonly timer: NodeJS.Timeout;

  /** @param intervalMs how often tallies are written; @default 1000 */
  constructor(
    private readonly pool: pg.Pool,
    private readonly log: Logger,
    intervalMs = 1_000,
  ) {
    this.timer = setInterval(() => void this.flush(), intervalMs);
    this.timer.unref();
  }

  /** Counts one refusal of `character`'s frame. */
  add(character: string, code: string, message: string, at: Date): void {
    const key = `${code}\u0001${character}`;
    const tally = this.tallies.get(key);
    if (tally) {
      tally.refused++;
      tally.lastMessage = message;
      tally.lastAt = at;
    } else {
      this.tallies.set(key, { character, code, refused: 1, lastMessage: message, lastAt: at });
    }
  }

  /** Writes what was counted so far; resolves once it is stored (a failed write is logged and its counts dropped). */
  flush(): Promise<void> {
    if (this.tallies.size === 0) return this.writing;
    const tallies = [...this.tallies.values()];
    this.tallies = new Map();
    this.writing = this.writing.then(() => this.write(tallies));
    return this.writing;
  }

  /** Stops the timer and writes what is left. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  private async write(tallies: readonly RefusalTally[]): Promise<void> {
    try {
      await this.pool.query(
        `INSERT INTO plugin_refusals (character_name, code, refused, last_message, last_at)
         SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::timestamptz[])
         ON CONFLICT (character_name, code) DO UPDATE SET refused = plugin_refusals.refused + EXCLUDED.refused,
           last_message = EXCLUDED.last_message, last_at = EXCLUDED.last_at`,
        [
          tallies.map((tally) => tally.character),
          tallies.map((tally) => tally.code),
          tallies.map((tally) => tally.refused),
          tallies.map((tally) => tally.lastMessage.replaceAll('\u0000', '').slice(0, MESSAGE_MAX)),
          tallies.map((tally) => tally.lastAt),
        ],
      );
    } catch (error) {
      this.log.warn({ err: error, tallies: tallies.length }, 'could not record refused frames');
    }
  }
}
