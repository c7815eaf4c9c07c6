/**
 * Runs a fleet against ingest over real WebSockets: one connection per
 * character, as each game client runs its own plugin, each speaking
 * protocol 2 through the reference client (`@lifestone/lib/protocol/client`):
 * a stream per character session, frames numbered, kept until acknowledged
 * and sent again after a reconnection.
 *
 * One shared timer drives the whole fleet (every `tickMs` it hands each
 * character the frames due by then), so 10,000 characters cost one timer,
 * not 10,000. A character keeps playing while its connection is down, as a
 * game does when ingest goes away: its frames wait in its client's buffer.
 * With `sessionMinutes`, characters leave now and then: a logout closes the
 * connection cleanly, a lost game ends it without a close, and the
 * character comes back later on a connection and stream of its own.
 */

import { randomBytes } from 'node:crypto';
import { PluginClient } from '@lifestone/lib/protocol/client';
import type { SimulatedCharacter, WorldPace } from './character.js';
import { createFleet } from './fleet.js';
import type { Frame } from './frames.js';

/** Where the fleet reports what happens; a pino logger fits. */
export interface FleetLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}

export interface RunFleetOptions extends WorldPace {
  /** Ingest's plugin endpoint, e.g. `ws://127.0.0.1:4100/ws/position`. */
  url: string;
  /** Sent in the `X-Plugin-Secret` header. */
  secret: string;
  characters: number;
  /** @default 1 */
  seed?: number;
  /** Simulated seconds per real second. @default 1 */
  speed?: number;
  /** Epoch ms the simulated clock starts at. @default Date.now() */
  start?: number;
  /** Connections open one after another over this many ms. @default min(10_000, 25 × characters) */
  rampUpMs?: number;
  /** Period of the shared timer. @default 250 */
  tickMs?: number;
  /** First reconnection delay; it doubles per failed attempt, with jitter. @default 500 */
  reconnectInitialMs?: number;
  /** Longest reconnection delay. @default 30_000 */
  reconnectMaxMs?: number;
  /** @default silent */
  log?: FleetLog;
}

export interface FleetStats {
  characters: number;
  /** Open and welcomed connections. */
  connected: number;
  /** Frames the characters sent (handed to their clients). */
  framesSent: number;
  /** Frames ingest acknowledged. */
  framesAcked: number;
  /** Frames a client dropped from its full buffer, never acknowledged. */
  framesDropped: number;
  /** `error` frames ingest sent back. */
  errorsReceived: number;
  /** `command` frames ingest relayed from operators. */
  commandsReceived: number;
  /** Connections opened again after one dropped. */
  reconnects: number;
  /** Sessions that ended by a logout (`sessionMinutes`): the connection closed cleanly. */
  logouts: number;
  /** Sessions that ended by a lost game (`sessionMinutes`): the connection ended without a close. */
  gamesLost: number;
}

export interface FleetHandle {
  /** Closes every connection cleanly (code 1000) and stops the timers. */
  stop(): Promise<void>;
  stats(): FleetStats;
  /** The simulated characters, e.g. to look up names. */
  readonly characters: readonly SimulatedCharacter[];
}

const silent: FleetLog = { info() {}, warn() {} };

interface Link {
  readonly character: SimulatedCharacter;
  readonly index: number;
  /** Set once the ramp-up reaches it; unset while the character is away. */
  client: PluginClient | undefined;
  /** Real time its connection opens. */
  readonly connectAt: number;
  /** Logins so far: each has a stream of its own. */
  logins: number;
}

/** Starts the fleet: connections open over the ramp-up, frames flow as simulated time advances. */
export function runFleet(options: RunFleetOptions): FleetHandle {
  const { url, secret, characters: count } = options;
  const speed = options.speed ?? 1;
  const tickMs = options.tickMs ?? 250;
  const rampUpMs = options.rampUpMs ?? Math.min(10_000, 25 * count);
  const log = options.log ?? silent;
  if (!(speed > 0) || !Number.isFinite(speed)) throw new RangeError(`speed must be a positive number, got ${speed}`);

  const realStart = Date.now();
  const simStart = options.start ?? realStart;
  const simNow = (): number => simStart + (Date.now() - realStart) * speed;
  const fleet = createFleet({ characters: count, seed: options.seed ?? 1, start: simStart, run: options.run, killsPerRare: options.killsPerRare, sessionMinutes: options.sessionMinutes, stuckJourneys: options.stuckJourneys });
  // One stream per character session: a run starts every character's session, and its seqs, anew.
  const run = randomBytes(6).toString('hex');
  const counts = { framesSent: 0, errorsReceived: 0, commandsReceived: 0, logouts: 0, gamesLost: 0 };
  const links: Link[] = fleet.map((character, i) => ({
    character,
    index: i,
    client: undefined,
    connectAt: realStart + (count > 1 ? Math.round((i * rampUpMs) / count) : 0),
    logins: 0,
  }));
  let stopping = false;
  /** Clients of characters logging out, waiting for their last frames' acknowledgements. */
  const leaving = new Set<PluginClient>();

  /** Logs the character in at `at` (simulated epoch ms) over a new connection. */
  const start = (link: Link, at: number): void => {
    const { character, index } = link;
    const client = new PluginClient({
      url,
      secret,
      stream: link.logins === 0 ? `sim-${run}-${index}` : `sim-${run}-${index}-${link.logins}`,
      reconnectInitialMs: options.reconnectInitialMs,
      reconnectMaxMs: options.reconnectMaxMs,
      log,
      onCommand: (command) => {
        counts.commandsReceived++;
        log.info({ character: character.name, command }, 'command received');
        character.command(command, simNow());
        character.tick(simNow(), send);
        leaveIfGone(link);
      },
      onMessage: (frame) => {
        if (frame.type === 'error') counts.errorsReceived++;
      },
    });
    link.client = client;
    link.logins++;
    function send(frame: Frame): void {
      client.send(frame);
      counts.framesSent++;
    }
    for (const frame of character.loginFrames(at)) send(frame);
    character.tick(simNow(), send);
    leaveIfGone(link);
  };

  /** A character whose session ended: its plugin goes as the game did, cleanly on a logout, without a close when lost. */
  const leaveIfGone = (link: Link): void => {
    const departure = link.character.departure;
    if (!link.client || !departure) return;
    if (departure.how === 'logout') counts.logouts++;
    else counts.gamesLost++;
    log.info({ character: link.character.name, how: departure.how, returnsAt: new Date(departure.returnsAt).toISOString() }, 'character left its session');
    const client = link.client;
    link.client = undefined;
    if (departure.how === 'lost') {
      void client.close('drop');
      return;
    }
    // A plugin logging out hands over what it has before it closes.
    leaving.add(client);
    void client.drained().then(() => client.close('clean')).finally(() => leaving.delete(client));
  };

  const tick = (): void => {
    const now = simNow();
    for (const link of links) {
      const client = link.client;
      if (!client) {
        const departure = link.character.departure;
        // Back at the time it meant to return, so that its frames do not depend on the timer.
        if (!stopping && departure && departure.returnsAt <= now) start(link, departure.returnsAt);
        continue;
      }
      link.character.tick(now, (frame) => {
        client.send(frame);
        counts.framesSent++;
      });
      leaveIfGone(link);
    }
  };

  // Connections open at their staggered times; the shared timer hands out frames.
  let next = 0;
  const rampUp = setInterval(() => {
    const real = Date.now();
    while (!stopping && next < links.length && (links[next] as Link).connectAt <= real) {
      start(links[next] as Link, simNow());
      next++;
    }
    if (next >= links.length) clearInterval(rampUp);
  }, Math.max(1, Math.min(tickMs, Math.floor(rampUpMs / Math.max(1, count)) || 1)));
  const timer = setInterval(tick, tickMs);

  return {
    characters: fleet,
    stats: () => {
      const stats: FleetStats = { characters: count, connected: 0, framesAcked: 0, framesDropped: 0, reconnects: 0, ...counts };
      for (const { client } of links) {
        if (!client) continue;
        const one = client.stats();
        if (one.connected) stats.connected++;
        stats.framesAcked += one.acked;
        stats.framesDropped += one.dropped;
        stats.reconnects += one.reconnects;
      }
      return stats;
    },
    async stop() {
      if (stopping) return;
      stopping = true;
      clearInterval(rampUp);
      clearInterval(timer);
      await Promise.all([...links.map((link) => link.client?.close()), ...[...leaving].map((client) => client.close())]);
    },
  };
}
