import { createHash } from 'node:crypto';
import pLimit from 'p-limit';
import type pg from 'pg';
import type { Logger } from '@lifestone/lib/log';
import { ErrorCode, PLUGIN_KEY_PREFIX, type FrameError } from '@lifestone/lib/protocol';
import { topics, type PubSub, type Subscription } from '@lifestone/lib/pubsub';
import type { DecodeOutcome } from './frame-decoder/frame-decoder.js';

/** Characters one key may come to hold by first report; an admin's list may hold as many. */
export const MAX_CHARACTERS_PER_KEY = 1_000;
/** Characters a key was refused that ingest remembers, so that a plugin repeating one costs no query per frame. */
const REFUSED_REMEMBERED = 1_000;
/**
 * Queries of keys and claims of characters running at once: they share the
 * pool with the writer, which a flood of plugins connecting with made-up
 * keys must not starve of connections.
 */
const QUERIES_AT_ONCE = 2;
/** Plugins waiting for their key to be read past which more are refused (503) at once. */
const CONNECTING_MAX = 1_000;

/** Too many plugins are waiting for their key to be read: this one is refused and retries. */
export class KeyringBusyError extends Error {
  constructor() {
    super(`${CONNECTING_MAX} plugins are waiting for their key to be checked`);
  }
}

/** A plugin key as ingest holds it while plugins are connected with it. */
export interface HeldPluginKey {
  readonly id: string;
  readonly name: string;
  /** Set by an admin: the key binds no character on first report. */
  fixed: boolean;
  /** Which `characters_version` `characters` were read at. */
  version: number;
  /** The characters the key holds, as PostgreSQL had them when last read. */
  characters: Set<string>;
  /** Characters it was refused since the last check (another key holds them). */
  refused: Set<string>;
  revoked: boolean;
}

interface PluginKeyRow { id: string; name: string; fixed: boolean; version: number; revoked: boolean }

export interface PluginKeyringOptions {
  pool: pg.Pool;
  pubsub: PubSub;
  log: Logger;
  /** How often the keys of open connections are read again (revoked, characters changed); the pubsub's hint comes sooner. */
  checkIntervalMs: number;
  /** A key was revoked: its connections must close. */
  onRevoked: (key: HeldPluginKey) => void;
}

/**
 * The plugin keys of this instance's open connections and the characters
 * each holds, in memory: a frame costs a set lookup, never a query. A key is
 * read from PostgreSQL when a plugin connects with it and no other
 * connection holds it here, when the pubsub says it changed
 * (`lifestone.plugin-key`) or may have lost such a hint (`onGap`), and
 * every `checkIntervalMs` (which also records
 * when it was last used); a character it does not hold yet is bound to it in
 * one statement on first report, unless an admin fixed its characters.
 */
export class PluginKeyring {
  /** Keys by the SHA-256 of the key, while connections use them. */
  private readonly byHash = new Map<string, { key: HeldPluginKey; connections: number }>();
  /** Keys being read, by hash. */
  private readonly loading = new Map<string, Promise<HeldPluginKey | undefined>>();
  private readonly claims = new Set<Promise<unknown>>();
  private subscription: Subscription | undefined;
  private stopHearingGaps: () => void = () => {};
  private readonly timer: NodeJS.Timeout;
  private checking: Promise<void> = Promise.resolve();
  private readonly queries = pLimit(QUERIES_AT_ONCE);

  constructor(private readonly options: PluginKeyringOptions) {
    this.timer = setInterval(() => void this.check(), options.checkIntervalMs);
    this.timer.unref();
  }

  /** Subscribes to the pubsub's hints; a failed subscription leaves the periodic check. */
  async start(): Promise<void> {
    // A hint the pubsub lost may have been a revocation: every key held is read again at once.
    this.stopHearingGaps = this.options.pubsub.onGap(() => void this.check());
    try {
      this.subscription = await this.options.pubsub.subscribe(topics.pluginKey, (message) => void this.check([message.key]));
    } catch (error) {
      this.options.log.warn({ err: error }, 'could not subscribe to plugin key changes: revocations take up to the check interval');
    }
  }

  /**
   * The unrevoked key `presented` is, holding one connection more until
   * {@link release}; `undefined` for anything else, including text not
   * shaped like a key. Rejects when PostgreSQL cannot be asked, and with
   * {@link KeyringBusyError} when too many plugins wait already.
   */
  async acquire(presented: string): Promise<HeldPluginKey | undefined> {
    if (!presented.startsWith(PLUGIN_KEY_PREFIX) || presented.length > 100) return undefined;
    const hash = createHash('sha256').update(presented).digest('hex');
    let loading = this.loading.get(hash);
    if (!loading && !this.byHash.get(hash)) {
      if (this.queries.pendingCount >= CONNECTING_MAX) throw new KeyringBusyError();
      loading = this.load(hash).finally(() => this.loading.delete(hash));
      this.loading.set(hash, loading);
    }
    const loaded = await loading;
    // Plugins connecting with one key at once share one read of it and one entry.
    const entry = this.byHash.get(hash);
    if (entry && !entry.key.revoked) {
      entry.connections++;
      return entry.key;
    }
    if (!loaded) return undefined;
    this.byHash.set(hash, { key: loaded, connections: 1 });
    return loaded;
  }

  private async load(hash: string): Promise<HeldPluginKey | undefined> {
    const row = await this.queries(async () => (await this.options.pool.query<PluginKeyRow>(
      `UPDATE plugin_keys SET last_used_at = now() WHERE key_hash = $1 AND revoked_at IS NULL
       RETURNING id, name, characters_fixed AS fixed, characters_version AS version, false AS revoked`,
      [hash],
    )).rows[0]);
    return row && { ...row, characters: await this.characters(row.id), refused: new Set() };
  }

  /** One connection of `key` closed; the last one forgets it. */
  release(key: HeldPluginKey): void {
    for (const [hash, entry] of this.byHash) {
      if (entry.key !== key) continue;
      if (--entry.connections <= 0) this.byHash.delete(hash);
      return;
    }
  }

  /**
   * A gate for one connection's decoded frames, in their order: frames for
   * characters `key` holds pass to `deliver`, frames for characters it does
   * not are refused with `CHARACTER_NOT_HELD`; a character new to it is
   * claimed first, its frame and every later one of the connection waiting.
   */
  gate(key: HeldPluginKey, deliver: (outcome: DecodeOutcome) => void): (outcome: DecodeOutcome) => void {
    const waiting: DecodeOutcome[] = [];
    let claiming = false;
    const pass = (outcome: DecodeOutcome): void => {
      if (!outcome.ok || key.characters.has(outcome.event.character)) return deliver(outcome);
      const { character, type, seq } = outcome.event;
      if (key.fixed || key.refused.has(character) || key.characters.size >= MAX_CHARACTERS_PER_KEY) return deliver(notHeld(key, character, type, seq));
      claiming = true;
      const claim = this.claim(key, character)
        .then((held): DecodeOutcome => (held ? outcome : notHeld(key, character, type, seq)), (error: unknown): DecodeOutcome => {
          this.options.log.warn({ err: error, key: key.id }, 'binding a character to a plugin key failed; its frame was refused');
          return { ok: false, error: { code: ErrorCode.FRAME_FAILED, message: 'ingest could not check which plugin key holds this character (database unreachable); the frame was not stored: resend it.', ref: { type, character_name: character }, details: [], seq } };
        })
        .then((decided) => {
          this.claims.delete(claim);
          claiming = false;
          deliverSafely(decided);
          while (!claiming && waiting.length > 0) pass(waiting.shift() as DecodeOutcome);
        });
      this.claims.add(claim);
    };
    // Out of the decoder's call, nothing catches what delivering throws: the frame is lost, the connection's later frames are not.
    const deliverSafely = (outcome: DecodeOutcome): void => {
      try {
        deliver(outcome);
      } catch (error) {
        this.options.log.error({ err: error }, 'a frame failed after its character was bound; it was not stored');
      }
    };
    return (outcome) => {
      if (claiming) waiting.push(outcome);
      else pass(outcome);
    };
  }

  /** Resolves once every claim under way has delivered its frames. */
  async settled(): Promise<void> {
    while (this.claims.size > 0) await Promise.allSettled([...this.claims]);
  }

  /** Stops the periodic check and the subscription. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    this.stopHearingGaps();
    await this.settled();
    await this.checking;
    await this.subscription?.unsubscribe().catch(() => undefined);
  }

  /**
   * Reads the keys `ids` (default: every key held) again: a revoked one is
   * dropped and reported, one whose characters an admin changed has them
   * read again, and every one forgets the characters it was refused.
   */
  check(ids?: readonly string[]): Promise<void> {
    this.checking = this.checking.then(() => this.read(ids));
    return this.checking;
  }

  private async read(ids: readonly string[] | undefined): Promise<void> {
    const held = [...this.byHash.values()].map((entry) => entry.key).filter((key) => !ids || ids.includes(key.id));
    if (held.length === 0) return;
    try {
      // The periodic check of every key also says it is in use; a hint reads only.
      const { rows } = await this.options.pool.query<PluginKeyRow>(
        ids
          ? `SELECT id, name, characters_fixed AS fixed, characters_version AS version, revoked_at IS NOT NULL AS revoked FROM plugin_keys WHERE id = ANY($1::uuid[])`
          : `UPDATE plugin_keys SET last_used_at = now() WHERE id = ANY($1::uuid[])
             RETURNING id, name, characters_fixed AS fixed, characters_version AS version, revoked_at IS NOT NULL AS revoked`,
        [held.map((key) => key.id)],
      );
      const found = new Map(rows.map((row) => [row.id, row]));
      for (const key of held) {
        const row = found.get(key.id);
        key.refused.clear();
        if (!row || row.revoked) {
          key.revoked = true;
          for (const [hash, entry] of this.byHash) if (entry.key === key) this.byHash.delete(hash);
          this.options.onRevoked(key);
        } else if (row.version !== key.version || row.fixed !== key.fixed) {
          key.characters = await this.characters(key.id);
          key.version = row.version;
          key.fixed = row.fixed;
        }
      }
    } catch (error) {
      this.options.log.warn({ err: error, keys: held.length }, 'checking plugin keys failed; retrying at the next check');
    }
  }

  private async characters(id: string): Promise<Set<string>> {
    const { rows } = await this.queries(() => this.options.pool.query<{ character_name: string }>('SELECT character_name FROM plugin_key_characters WHERE key_id = $1', [id]));
    return new Set(rows.map((row) => row.character_name));
  }

  /**
   * Binds `character` to `key` unless another key holds it, the key's
   * characters are fixed or it holds {@link MAX_CHARACTERS_PER_KEY}: one
   * statement, so that two instances claiming at once agree.
   */
  private async claim(key: HeldPluginKey, character: string): Promise<boolean> {
    const { rows } = await this.queries(() => this.options.pool.query<{ key_id: string }>(
      `WITH claimed AS (
         INSERT INTO plugin_key_characters (key_id, character_name)
         SELECT k.id, $2 FROM plugin_keys k
         WHERE k.id = $1 AND k.revoked_at IS NULL AND NOT k.characters_fixed
           AND (SELECT count(*) FROM plugin_key_characters WHERE key_id = $1) < $3
         ON CONFLICT (character_name) DO NOTHING
         RETURNING key_id)
       SELECT key_id FROM claimed UNION ALL SELECT key_id FROM plugin_key_characters WHERE character_name = $2`,
      [key.id, character, MAX_CHARACTERS_PER_KEY],
    ));
    if (rows.some((row) => row.key_id === key.id)) {
      key.characters.add(character);
      return true;
    }
    if (key.refused.size >= REFUSED_REMEMBERED) key.refused.clear();
    key.refused.add(character);
    return false;
  }
}

/** The refusal of a frame (of protocol 2 seq `seq`) for a character `key` does not hold. */
function notHeld(key: HeldPluginKey, character: string, type: string, seq: number | null): DecodeOutcome {
  const error: FrameError = {
    code: ErrorCode.CHARACTER_NOT_HELD,
    message: key.fixed
      ? `The plugin key "${key.name}" does not hold ${JSON.stringify(character)}: an admin set its characters without it; ask one to add it (Accounts, Plugin keys).`
      : `The plugin key "${key.name}" does not hold ${JSON.stringify(character)}: another plugin key holds it, or this key holds ${MAX_CHARACTERS_PER_KEY} characters already; ask an admin to give it to this key (Accounts, Plugin keys).`,
    ref: { type, character_name: character },
    details: [],
    seq,
  };
  return { ok: false, error };
}
