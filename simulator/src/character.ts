/**
 * One simulated character: where it is, what it does, and the frames its
 * plugin sends about it.
 *
 * The character is a small discrete-event machine. Each kind of event (a
 * telemetry frame, a kill, the end of a walk, ...) has its next due time; the
 * character handles due events in time order, breaking ties by kind. Movement
 * between events is a straight line evaluated at the event's time, so the
 * frames do not depend on how often the caller asks: advancing to 10:00 in one
 * call or in 2,400 calls gives the same frames.
 */

import { CombatSession, type Fighter } from './combat.js';
import { channels, channelWeights, chatLine } from './chat.js';
import type {
  CantripEffect,
  CharacterStatsFrame,
  ChatFrame,
  CombatStatsFrame,
  DungeonMapFrame,
  EquipmentCantripStateFrame,
  Frame,
  FullInventoryFrame,
  InventoryDeltaFrame,
  NearbyObject,
  NearbyObjectsFrame,
  PortalFrame,
  QuestFrame,
  RareFrame,
  ShareVitalsFrame,
  SpawnFrame,
  TelemetryFrame,
  VitalsFrame,
} from './frames.js';
import { Inventory, itemSpellNames, rareItemNames } from './gear.js';
import { auraBuffs, BUFF_DURATION_S, characterSheet, questDefinitions, selfBuffs, type Profile } from './profile.js';
import { mixSeed, Random } from './random.js';
import {
  altitude,
  clamp,
  dungeonCellOf,
  dungeonFloorAt,
  groundsByPlace,
  headingOf,
  huntingGrounds,
  landblockOf,
  MAP_MAX,
  MAP_MIN,
  METRES_PER_UNIT,
  monsters,
  npcNames,
  places,
  portalsByGround,
  portalsByPlace,
  round1,
  round2,
  round4,
  type HuntingGround,
  type Portal,
} from './world.js';

/** Telemetry is sent every 2 s, exactly, from login on. */
export const TELEMETRY_INTERVAL_MS = 2_000;
/** Vitals every 5 s; `share_vitals` every other vitals for characters in a fellowship. */
export const VITALS_INTERVAL_MS = 5_000;
/** `character_stats` at login and every 10 minutes. */
export const CHARACTER_STATS_INTERVAL_MS = 600_000;
/** `equipment_cantrip_state` at login, after buffing or dying, and every 15 minutes. */
export const CANTRIP_INTERVAL_MS = 900_000;
/** A `combat_stats` snapshot every 30-60 s once the session has seen a fight. */
export const COMBAT_STATS_INTERVAL_MS = [30_000, 60_000] as const;
/** Mean waits of the events that come at random. */
export const CHAT_MEAN_MS = 150_000;
export const INVENTORY_MEAN_MS = 180_000;
export const QUEST_MEAN_MS = 2_400_000;
export const NEARBY_MEAN_MS = 240_000;
/** While an operator has started the radar (`/radar start`), `nearby_objects` every 5 s. */
export const RADAR_INTERVAL_MS = 5_000;
export const SPAWN_HUNTING_MEAN_MS = 12_000;
export const SPAWN_TRAVEL_MEAN_MS = 90_000;
/** A rare drops on one kill in this many. */
export const KILLS_PER_RARE = 3_000;
/** A character dies on one kill in this many hours' worth of kills. */
const HOURS_PER_DEATH = 2;
/** Prismatic tapers a character buys when it runs short (and carries about as many at its first login). */
const TAPER_RESTOCK = 250;

/** Of the sessions that end (with `WorldPace.sessionMinutes`), the share whose game is lost rather than left. */
const LOST_SHARE = 0.4;
/** How long a stuck journey stays stuck, in minutes, and the span (map units, 5 m) it runs back and forth over. */
const STUCK_MIN = [6, 15] as const;
const STUCK_SPAN = 0.02;

/** The shortest session: a minute. */
const MIN_SESSION_MS = 60_000;
/** Minutes a character stays away after a logout (a break), and after its game was lost (until someone restarts it). */
const AWAY_AFTER_LOGOUT_MIN = [5, 30] as const;
const AWAY_AFTER_LOST_MIN = [15, 45] as const;

/** Fellowships pick a new hunting ground every hour. */
const FELLOWSHIP_PLAN_MS = 3_600_000;
/** Longest walk; farther destinations are reached by recalling to a town first. */
const MAX_WALK = 15;
const VITAE_CAP = 40;

// What the character is doing; the index is also its `vt_state`.
const NAVIGATING = 0;
const HUNTING = 1;
const IDLE = 2;
const BUFFING = 3;
const DEAD = 4;
const vtStates = ['Navigating', 'Combat', 'Idle', 'Buffing', 'Dead'] as const;

// Event kinds, in the order they are handled when due at the same millisecond.
const ACTIVITY = 0;
const TELEMETRY = 1;
const VITALS = 2;
const KILL = 3;
const SPAWN = 4;
const COMBAT_STATS = 5;
const CHAT = 6;
const INVENTORY = 7;
const CHARACTER_STATS = 8;
const CANTRIPS = 9;
const QUEST = 10;
const NEARBY = 11;
const LEAVE = 12;
const EVENT_KINDS = 13;

const spellIds = new Map<string, number>([
  ...itemSpellNames.map((name, i) => [name, 4000 + i] as const),
  ...[...selfBuffs, ...auraBuffs].map((name, i) => [name, 2000 + i] as const),
]);

/**
 * Where frames go outside `tick` and `loginFrames`. A shared function, not a
 * fresh `() => {}`: a closure made inside `loginFrames` would keep that call's
 * frames alive until the next tick.
 */
const discard = (): void => {};

/** Who else is in the fleet, for chat senders, radar and tells. */
/** How a fleet's world runs on: which run of it this is, and how often rares drop. */
export interface WorldPace {
  /**
   * The run of this world (the simulator's starts with one data folder,
   * counted from 1): the characters stay who they are, and what they do
   * continues differently after every restart instead of repeating. @default 0
   */
  run?: number;
  /** A rare drops on one kill in this many. @default {@link KILLS_PER_RARE} */
  killsPerRare?: number;
  /**
   * Mean minutes of a play session (exponentially distributed, at least one): then the
   * character leaves, by a logout or, two sessions in five, by losing its game
   * (a crash, the network), and is away 5-30 minutes after a logout, 15-45
   * after a lost game. See {@link SimulatedCharacter.departure}.
   * @default 0: a character plays on until `logout` is called
   */
  sessionMinutes?: number;
  /**
   * One journey in this many gets stuck as it sets off: its automation keeps
   * navigating, but the character runs back and forth over 5 m (against a
   * wall, a door) for 6-15 minutes before it gets loose and goes on: what
   * the Issues window calls stuck. @default 0: never
   */
  stuckJourneys?: number;
}

/** How and when a character left its session, and when it comes back. */
export interface Departure {
  /**
   * `logout`: the player left, and its plugin closes the connection cleanly;
   * `lost`: the game crashed or lost its network, and the connection just
   * ends, without a close (what ingest's OFFLINE alert is for).
   */
  how: 'logout' | 'lost';
  /** Epoch ms the session ended. */
  at: number;
  /** Epoch ms the character logs in again (`loginFrames(returnsAt)`). */
  returnsAt: number;
}

export interface Peers {
  readonly names: readonly string[];
  /** Names of the other members of the character's fellowship. */
  readonly fellows: readonly string[];
}

export class SimulatedCharacter {
  readonly name: string;
  private readonly random: Random;
  /** When sessions end and how long the character stays away: a stream of its own, so play draws the same either way. */
  private readonly sessions: Random | undefined;
  private leaving: Departure | undefined;
  /** Which journeys get stuck: a stream of its own, as `sessions`. */
  private readonly mishaps: Random | undefined;
  /** Until when the journey under way is stuck (0: it is not), and where. */
  private stuckUntil = 0;
  private stuckEw = 0;
  private stuckNs = 0;
  private readonly fighter: Fighter;
  private emit: (frame: Frame) => void = discard;

  private online = false;
  private everLoggedIn = false;
  private sessionId = '';
  private sessionStart = 0;
  private clock = 0;
  private readonly due = new Float64Array(EVENT_KINDS).fill(Infinity);
  private nextDue = Infinity;
  /** Whether `/radar start` asked for the radar every few seconds (until `/radar stop` or the next login). */
  private radarStarted = false;

  // Movement: a straight leg from (fromEw, fromNs) at legStart to (toEw, toNs) at legEnd.
  private fromEw = 0;
  private fromNs = 0;
  private toEw = 0;
  private toNs = 0;
  private legStart = 0;
  private legEnd = 0;
  private heading = 0;
  private ew = 0;
  private ns = 0;
  // The position as last reported.
  private reportedEw = 0;
  private reportedNs = 0;
  private reportedZ = 0;
  private reportedLandblock = '';

  private state = IDLE;
  private activityEnd = 0;
  /** Waypoints still to walk, as [ew, ns, ew, ns, ...]. */
  private route: number[] = [];
  private routeIndex = 0;
  private targetGround = -1;
  private targetPlace = -1;
  private currentGround = -1;
  private currentPlace = -1;
  private wanderPaused = true;

  // Session counters.
  private kills = 0;
  private deaths = 0;
  private rares = 0;
  /** Prismatic tapers carried: a stock that outlives sessions, used by buffing, topped up by loot and purchases. */
  private tapers = -1;
  private xpGained = 0;
  private luminanceGained = 0;
  private deathsSinceStart = 0;
  private combat = new CombatSession();

  // Vitals in percent of the maximum; vitae lowers the maxima.
  private health = 100;
  private stamina = 100;
  private mana = 100;
  private vitae = 0;
  /** Kills since vitae last went down: every 10 kills' experience takes off 1%. */
  private killsTowardVitae = 0;
  private vitalsCount = 0;
  private buffsCastAt = -Infinity;

  private inventory: Inventory | null = null;
  private questIds: number[] = [];
  private questSolves: number[] = [];
  private questDoneAt: number[] = [];

  constructor(
    readonly profile: Profile,
    seed: number,
    private readonly peers: Peers,
    private readonly pace: WorldPace = {},
  ) {
    this.name = profile.name;
    // Who a character is comes from the seed alone; what it does, from the seed and the run: a restart continues the world.
    this.random = new Random(pace.run ? mixSeed(seed, profile.index, 4, pace.run) : mixSeed(seed, profile.index, 4));
    this.sessions = pace.sessionMinutes ? new Random(mixSeed(seed, profile.index, 5, pace.run ?? 0)) : undefined;
    this.mishaps = pace.stuckJourneys ? new Random(mixSeed(seed, profile.index, 6, pace.run ?? 0)) : undefined;
    this.fighter = {
      level: profile.level,
      element: profile.element,
      caster: profile.weaponSkill === 'War Magic' || profile.weaponSkill === 'Void Magic',
    };
  }

  /** Fleet index. */
  get index(): number {
    return this.profile.index;
  }

  /** True between `loginFrames` and `logout`. */
  get isOnline(): boolean {
    return this.online;
  }

  /** How and when the last session ended by itself (`WorldPace.sessionMinutes`); undefined while online. */
  get departure(): Departure | undefined {
    return this.leaving;
  }

  /** Session id of the current (or last) login. */
  get session(): string {
    return this.sessionId;
  }

  /**
   * Starts a session at `now` (epoch ms; a new `session_id`, session counters
   * from zero) and returns the frames a plugin sends on login: character_stats,
   * full_inventory, quest, equipment_cantrip_state, vitals, telemetry.
   */
  loginFrames(now: number): Frame[] {
    const frames: Frame[] = [];
    this.emit = (frame) => frames.push(frame);
    const t = Math.round(now);
    this.clock = t;
    this.online = true;
    this.leaving = undefined;
    this.stuckUntil = 0;
    this.sessionId = this.random.hex128();
    this.sessionStart = t;
    this.kills = 0;
    this.deaths = 0;
    this.rares = 0;
    if (this.tapers < 0) this.tapers = this.random.int(TAPER_RESTOCK, 2 * TAPER_RESTOCK);
    this.combat = new CombatSession();
    // The first share_vitals comes with the first vitals after login.
    this.vitalsCount = 1;
    this.radarStarted = false;
    if (!this.everLoggedIn) this.firstLogin();
    else this.halt();
    if (this.state === DEAD) this.health = 60;
    this.inventory ??= new Inventory(this.profile, new Random(this.profile.gearSeed));
    this.due.fill(Infinity);
    this.startIdle(this.random.range(5_000, 30_000));
    this.due[TELEMETRY] = t + TELEMETRY_INTERVAL_MS;
    this.due[VITALS] = t + VITALS_INTERVAL_MS;
    this.due[CHARACTER_STATS] = t + CHARACTER_STATS_INTERVAL_MS;
    this.due[CANTRIPS] = t + CANTRIP_INTERVAL_MS;
    this.due[COMBAT_STATS] = t + Math.round(this.random.range(...COMBAT_STATS_INTERVAL_MS));
    this.due[CHAT] = t + this.wait(CHAT_MEAN_MS);
    this.due[INVENTORY] = t + this.wait(INVENTORY_MEAN_MS);
    this.due[QUEST] = t + this.wait(QUEST_MEAN_MS);
    this.due[NEARBY] = t + this.wait(NEARBY_MEAN_MS);
    if (this.sessions) this.due[LEAVE] = t + Math.max(MIN_SESSION_MS, Math.round(this.sessions.exponential((this.pace.sessionMinutes as number) * 60_000)));
    this.sendCharacterStats();
    this.emit(this.frame<FullInventoryFrame>('full_inventory', { items: this.inventory.items() }));
    this.sendQuests();
    this.sendCantrips();
    this.sendVitals();
    this.sendTelemetry();
    this.refreshNextDue();
    this.emit = discard;
    return frames;
  }

  /** Ends the session (the connection dropped); frames stop until the next login. */
  logout(): void {
    this.online = false;
  }

  /**
   * Runs a game command an operator sent at `now` (epoch ms): `/radar start`
   * sends the radar at once and then every 5 s until `/radar stop` or the
   * next login; any other command is ignored, as the game ignores what it
   * does not know.
   */
  command(text: string, now: number): void {
    const command = text.trim().toLowerCase();
    if (!this.online || (command !== '/radar start' && command !== '/radar stop')) return;
    this.radarStarted = command === '/radar start';
    const at = Math.max(this.clock, Math.round(now));
    this.due[NEARBY] = this.radarStarted ? at : at + this.wait(NEARBY_MEAN_MS);
    this.refreshNextDue();
  }

  /**
   * Hands every frame due up to `now` (epoch ms) to `emit`, in time order.
   * Nothing while logged out. Cheap when nothing is due.
   */
  tick(now: number, emit: (frame: Frame) => void): void {
    if (!this.online || now < this.nextDue) return;
    this.emit = emit;
    const due = this.due;
    for (;;) {
      let kind = 0;
      let at = due[0] as number;
      for (let k = 1; k < EVENT_KINDS; k++) {
        if ((due[k] as number) < at) {
          at = due[k] as number;
          kind = k;
        }
      }
      if (at > now) break;
      this.clock = at;
      this.handle(kind);
      if (!this.online) break;
    }
    this.refreshNextDue();
    this.emit = discard;
  }

  /** Every frame due up to `now`, as an array. */
  framesUntil(now: number): Frame[] {
    const frames: Frame[] = [];
    this.tick(now, (frame) => frames.push(frame));
    return frames;
  }

  private refreshNextDue(): void {
    let next = Infinity;
    for (let k = 0; k < EVENT_KINDS; k++) if ((this.due[k] as number) < next) next = this.due[k] as number;
    this.nextDue = next;
  }

  private handle(kind: number): void {
    const t = this.clock;
    switch (kind) {
      case ACTIVITY:
        this.due[ACTIVITY] = Infinity;
        this.onActivity();
        break;
      case TELEMETRY:
        this.due[TELEMETRY] = t + TELEMETRY_INTERVAL_MS;
        this.sendTelemetry();
        break;
      case VITALS:
        this.due[VITALS] = t + VITALS_INTERVAL_MS;
        this.updateVitals();
        this.sendVitals();
        break;
      case KILL:
        this.due[KILL] = t + Math.max(3_000, this.wait(3_600_000 / this.profile.killRate));
        this.onKill();
        break;
      case SPAWN:
        this.due[SPAWN] = this.state === HUNTING ? t + this.wait(SPAWN_HUNTING_MEAN_MS) : t + this.wait(SPAWN_TRAVEL_MEAN_MS);
        this.sendSpawn();
        break;
      case COMBAT_STATS:
        this.due[COMBAT_STATS] = t + Math.round(this.random.range(...COMBAT_STATS_INTERVAL_MS));
        this.sendCombatStats();
        break;
      case CHAT:
        this.due[CHAT] = t + this.wait(CHAT_MEAN_MS);
        this.sendChat();
        break;
      case INVENTORY:
        this.due[INVENTORY] = t + this.wait(INVENTORY_MEAN_MS);
        this.changeInventory();
        break;
      case CHARACTER_STATS:
        this.due[CHARACTER_STATS] = t + CHARACTER_STATS_INTERVAL_MS;
        this.sendCharacterStats();
        break;
      case CANTRIPS:
        this.due[CANTRIPS] = t + CANTRIP_INTERVAL_MS;
        this.sendCantrips();
        break;
      case QUEST:
        this.due[QUEST] = t + this.wait(QUEST_MEAN_MS);
        this.completeQuest();
        this.sendQuests();
        break;
      case NEARBY:
        this.due[NEARBY] = this.radarStarted ? t + RADAR_INTERVAL_MS : t + this.wait(NEARBY_MEAN_MS);
        this.sendNearby();
        break;
      case LEAVE:
        this.due[LEAVE] = Infinity;
        this.leave();
        break;
    }
  }

  /** The session ends by itself: the player logs out, or the game is lost; frames stop until the next login. */
  private leave(): void {
    const sessions = this.sessions as Random;
    const how: Departure['how'] = sessions.chance(LOST_SHARE) ? 'lost' : 'logout';
    const [shortest, longest] = how === 'lost' ? AWAY_AFTER_LOST_MIN : AWAY_AFTER_LOGOUT_MIN;
    const away = sessions.range(shortest, longest);
    this.leaving = { how, at: this.clock, returnsAt: this.clock + Math.round(away * 60_000) };
    this.online = false;
  }

  /** An exponentially distributed wait, in whole milliseconds, at least 1. */
  private wait(mean: number): number {
    return Math.max(1, Math.round(this.random.exponential(mean)));
  }

  // ---- Movement ----------------------------------------------------------

  /** Sets (ew, ns) to the position at the current clock. */
  private locate(): void {
    const t = this.clock;
    if (t >= this.legEnd) {
      this.ew = this.toEw;
      this.ns = this.toNs;
      return;
    }
    const f = (t - this.legStart) / (this.legEnd - this.legStart);
    this.ew = this.fromEw + (this.toEw - this.fromEw) * f;
    this.ns = this.fromNs + (this.toNs - this.fromNs) * f;
  }

  /** Starts a straight leg to (ew, ns); returns when it ends. */
  private moveTo(ew: number, ns: number, speed: number): number {
    this.locate();
    const toEw = clamp(ew, MAP_MIN, MAP_MAX);
    const toNs = clamp(ns, MAP_MIN, MAP_MAX);
    const dew = toEw - this.ew;
    const dns = toNs - this.ns;
    const distance = Math.hypot(dew, dns);
    if (distance > 1e-6) this.heading = headingOf(dew, dns);
    this.fromEw = this.ew;
    this.fromNs = this.ns;
    this.toEw = toEw;
    this.toNs = toNs;
    this.legStart = this.clock;
    this.legEnd = this.clock + Math.max(1_000, Math.round((distance / speed) * 1000));
    return this.legEnd;
  }

  /** Stops where it is. */
  private halt(): void {
    this.locate();
    this.teleport(this.ew, this.ns);
  }

  private teleport(ew: number, ns: number): void {
    this.fromEw = this.toEw = this.ew = clamp(ew, MAP_MIN, MAP_MAX);
    this.fromNs = this.toNs = this.ns = clamp(ns, MAP_MIN, MAP_MAX);
    this.legStart = this.legEnd = this.clock;
  }

  private firstLogin(): void {
    this.everLoggedIn = true;
    const random = new Random(this.profile.sheetSeed ^ 0x5eed);
    const questCount = random.int(6, 12);
    this.questIds = random.sample(
      questDefinitions.map((_, i) => i),
      questCount,
    );
    for (const q of this.questIds) {
      const definition = questDefinitions[q] as (typeof questDefinitions)[number];
      this.questSolves.push(random.int(1, Math.min(definition.maxSolves - 1, 300)));
      this.questDoneAt.push(Math.round(this.clock - random.range(0.1, 1.5) * definition.cooldown * 1000));
    }
    this.buffsCastAt = this.clock - Math.round(this.random.range(0, BUFF_DURATION_S * 800));
    if (!this.profile.mule && this.random.chance(0.55)) {
      const g = this.random.int(0, huntingGrounds.length - 1);
      const ground = huntingGrounds[g] as (typeof huntingGrounds)[number];
      this.currentGround = g;
      this.teleport(ground.ew + this.random.range(-0.2, 0.2), ground.ns + this.random.range(-0.2, 0.2));
    } else {
      const p = this.profile.mule ? this.profile.home : this.randomTown();
      const place = places[p] as (typeof places)[number];
      this.currentPlace = p;
      this.teleport(place.ew + this.random.range(-0.3, 0.3), place.ns + this.random.range(-0.3, 0.3));
    }
    this.heading = this.random.range(0, 360);
  }

  private randomTown(): number {
    for (;;) {
      const p = this.random.int(0, places.length - 1);
      if ((places[p] as (typeof places)[number]).town) return p;
    }
  }

  private nearestTown(ew: number, ns: number): number {
    let best = 0;
    let bestDistance = Infinity;
    places.forEach((place, i) => {
      const distance = Math.hypot(place.ew - ew, place.ns - ns);
      if (place.town && distance < bestDistance) {
        best = i;
        bestDistance = distance;
      }
    });
    return best;
  }

  // ---- Activities ----------------------------------------------------------

  private setState(state: number): void {
    this.state = state;
    this.due[KILL] = state === HUNTING ? this.clock + Math.max(3_000, this.wait(3_600_000 / this.profile.killRate)) : Infinity;
    this.due[SPAWN] =
      state === HUNTING ? this.clock + this.wait(SPAWN_HUNTING_MEAN_MS) : state === NAVIGATING ? this.clock + this.wait(SPAWN_TRAVEL_MEAN_MS) : Infinity;
  }

  private onActivity(): void {
    switch (this.state) {
      case NAVIGATING:
        if (this.clock < this.stuckUntil) {
          // Back and forth against the wall: to one end of the span, then the other.
          this.locate();
          const away = Math.hypot(this.ew - this.stuckEw, this.ns - this.stuckNs) > STUCK_SPAN / 2;
          this.due[ACTIVITY] = Math.min(this.stuckUntil, this.moveTo(away ? this.stuckEw : this.stuckEw + STUCK_SPAN, this.stuckNs, this.profile.runSpeed));
        } else if (this.routeIndex < this.route.length) {
          const ew = this.route[this.routeIndex] as number;
          const ns = this.route[this.routeIndex + 1] as number;
          this.routeIndex += 2;
          this.due[ACTIVITY] = this.moveTo(ew, ns, this.profile.runSpeed);
        } else {
          this.arrive();
        }
        break;
      case HUNTING:
        if (this.clock >= this.activityEnd) this.afterHunt();
        else this.wander();
        break;
      case IDLE:
        this.afterIdle();
        break;
      case BUFFING:
        this.afterBuffing();
        break;
      case DEAD:
        this.respawn();
        break;
    }
  }

  /** Walks to (ew, ns), recalling to the nearest town first when it is far. */
  private travel(ew: number, ns: number, ground: number, place: number): void {
    this.locate();
    this.targetGround = ground;
    this.targetPlace = place;
    this.currentGround = -1;
    this.currentPlace = -1;
    if (Math.hypot(ew - this.ew, ns - this.ns) > MAX_WALK) {
      const town = place >= 0 && (places[place] as (typeof places)[number]).town ? place : this.nearestTown(ew, ns);
      const lifestone = places[town] as (typeof places)[number];
      this.teleport(lifestone.ew + this.random.range(-0.05, 0.05), lifestone.ns + this.random.range(-0.05, 0.05));
      this.sightPortals(portalsByPlace[town] as readonly Portal[]);
    }
    const distance = Math.hypot(ew - this.ew, ns - this.ns);
    const bends = distance > 2 ? this.random.int(1, 2) : 0;
    this.route = [];
    for (let i = 1; i <= bends; i++) {
      const f = i / (bends + 1);
      const side = this.random.range(-0.12, 0.12) * distance;
      // Perpendicular of (dew, dns) is (dns, -dew), normalised.
      this.route.push(
        this.ew + (ew - this.ew) * f + ((ns - this.ns) / distance) * side,
        this.ns + (ns - this.ns) * f - ((ew - this.ew) / distance) * side,
      );
    }
    this.route.push(ew, ns);
    this.routeIndex = 0;
    this.stuckUntil = 0;
    if (this.mishaps?.chance(1 / (this.pace.stuckJourneys as number))) {
      this.stuckUntil = this.clock + Math.round(this.mishaps.range(...STUCK_MIN) * 60_000);
      this.stuckEw = this.ew;
      this.stuckNs = this.ns;
    }
    this.setState(NAVIGATING);
    this.onActivity();
  }

  private arrive(): void {
    if (this.targetGround >= 0) {
      this.currentGround = this.targetGround;
      const portal = portalsByGround[this.currentGround];
      if (portal) this.sightPortals([portal]);
      this.startHunt();
    } else if (this.targetPlace >= 0) {
      this.currentPlace = this.targetPlace;
      this.sightPortals(portalsByPlace[this.currentPlace] as readonly Portal[]);
      if (this.profile.mule) this.startIdle(this.random.range(20, 90) * 60_000);
      else if (this.buffsExpireSoon()) this.startBuffing();
      else this.startIdle(this.random.range(1, 6) * 60_000);
    } else {
      this.startIdle(this.profile.mule ? this.random.range(20, 90) * 60_000 : this.random.range(1, 5) * 60_000);
    }
  }

  private startIdle(ms: number): void {
    this.halt();
    this.setState(IDLE);
    this.due[ACTIVITY] = this.clock + Math.round(ms);
  }

  private afterIdle(): void {
    if (this.profile.mule) {
      this.locate();
      if (this.random.chance(0.8)) {
        const angle = this.random.range(0, 2 * Math.PI);
        const step = this.random.range(0.1, 0.5);
        this.travel(this.ew + Math.sin(angle) * step, this.ns + Math.cos(angle) * step, -1, -1);
      } else {
        const town = this.randomTown();
        const place = places[town] as (typeof places)[number];
        this.travel(place.ew + this.random.range(-0.2, 0.2), place.ns + this.random.range(-0.2, 0.2), -1, town);
      }
    } else if (this.buffsExpireSoon()) {
      this.startBuffing();
    } else {
      this.goHunting();
    }
  }

  private buffsExpireSoon(): boolean {
    return this.clock - this.buffsCastAt > (BUFF_DURATION_S - 600) * 1000;
  }

  private startBuffing(): void {
    this.halt();
    this.setState(BUFFING);
    this.due[ACTIVITY] = this.clock + Math.round(this.random.range(45_000, 120_000));
  }

  private afterBuffing(): void {
    this.buffsCastAt = this.clock;
    // One taper a spell; a character short of them buys more first.
    const spells = selfBuffs.length + auraBuffs.length;
    if (this.tapers < spells) this.tapers += TAPER_RESTOCK;
    this.tapers -= spells;
    this.sendCantrips();
    if (this.currentGround >= 0 && this.random.chance(0.7)) this.startHunt();
    else this.goHunting();
  }

  /** Picks a hunting ground (mostly one near where it is) and goes there. */
  private goHunting(): void {
    this.locate();
    const plan = this.fellowshipGround();
    if (this.currentGround >= 0 && (plan === this.currentGround || (plan < 0 && this.random.chance(0.5)))) {
      this.startHunt();
      return;
    }
    let g = plan;
    if (g < 0) {
      const near = this.currentPlace >= 0 ? this.currentPlace : this.nearestTown(this.ew, this.ns);
      const local = groundsByPlace[near] as readonly number[];
      g = local.length > 0 && this.random.chance(0.65) ? this.random.pick(local) : this.random.int(0, huntingGrounds.length - 1);
    }
    const ground = huntingGrounds[g] as (typeof huntingGrounds)[number];
    this.travel(ground.ew + this.random.range(-0.15, 0.15), ground.ns + this.random.range(-0.15, 0.15), g, -1);
  }

  /**
   * Fellows hunt together: the fellowship's ground for the current hour, the
   * same for every member (derived from the fellowship and the hour, not from
   * any member's random stream). -1 for characters playing alone.
   */
  private fellowshipGround(): number {
    if (this.profile.group === null) return -1;
    return mixSeed(this.profile.groupSeed, Math.floor(this.clock / FELLOWSHIP_PLAN_MS)) % huntingGrounds.length;
  }

  private startHunt(): void {
    const ground = huntingGrounds[this.currentGround] as (typeof huntingGrounds)[number];
    this.setState(HUNTING);
    this.activityEnd = this.clock + Math.round(this.random.range(8, 25) * 60_000);
    this.wanderPaused = true;
    if (ground.dungeon) {
      this.emit(this.frame<DungeonMapFrame>('dungeon_map', { landblock: ground.dungeon.landblock, tiles: ground.dungeon.tiles }));
    }
    this.wander();
  }

  /** Hunting: short dashes around the ground, pauses to fight in between. */
  private wander(): void {
    const ground = huntingGrounds[this.currentGround] as (typeof huntingGrounds)[number];
    if (this.wanderPaused) {
      const radius = ground.dungeon ? 0.08 : 0.35;
      const angle = this.random.range(0, 2 * Math.PI);
      const r = radius * Math.sqrt(this.random.next());
      const end = this.moveTo(ground.ew + Math.sin(angle) * r, ground.ns + Math.cos(angle) * r, this.profile.runSpeed * 0.8);
      this.due[ACTIVITY] = Math.min(end, this.activityEnd);
    } else {
      this.halt();
      this.due[ACTIVITY] = Math.min(this.clock + Math.round(this.random.range(4_000, 25_000)), this.activityEnd);
    }
    this.wanderPaused = !this.wanderPaused;
  }

  private afterHunt(): void {
    const ground = huntingGrounds[this.currentGround] as (typeof huntingGrounds)[number];
    const next = this.random.weighted([45, 30, 10, 15]);
    if (next === 0) {
      const place = places[ground.place] as (typeof places)[number];
      this.travel(place.ew + this.random.range(-0.2, 0.2), place.ns + this.random.range(-0.2, 0.2), -1, ground.place);
    } else if (next === 1) {
      this.currentGround = -1;
      this.currentPlace = ground.place;
      this.goHunting();
    } else if (next === 2) {
      this.startIdle(this.random.range(5, 30) * 60_000);
    } else {
      this.startBuffing();
    }
  }

  private die(): void {
    this.halt();
    this.setState(DEAD);
    this.health = 0;
    this.deaths++;
    this.deathsSinceStart++;
    this.vitae = Math.min(VITAE_CAP, this.vitae + 5);
    this.killsTowardVitae = 0;
    this.due[ACTIVITY] = this.clock + Math.round(this.random.range(15_000, 40_000));
    this.sendVitals();
  }

  /** Back at the lifestone it is bound to, without buffs, with part of its health. */
  private respawn(): void {
    const home = places[this.profile.home] as (typeof places)[number];
    this.teleport(home.ew + this.random.range(-0.05, 0.05), home.ns + this.random.range(-0.05, 0.05));
    this.currentGround = -1;
    this.currentPlace = this.profile.home;
    this.health = 60;
    this.stamina = Math.min(this.stamina, 60);
    this.buffsCastAt = -Infinity;
    this.sendVitals();
    this.sendCantrips();
    this.sightPortals(portalsByPlace[this.profile.home] as readonly Portal[]);
    this.startBuffing();
  }

  // ---- Events --------------------------------------------------------------

  private onKill(): void {
    if (this.state !== HUNTING) return;
    const ground = huntingGrounds[this.currentGround] as (typeof huntingGrounds)[number];
    const monster = monsters[this.random.pick(ground.monsters)] as (typeof monsters)[number];
    const taken = this.combat.recordKill(this.random, this.fighter, monster);
    this.kills++;
    this.killsTowardVitae++;
    const xp = Math.round(monster.xp * (0.5 + this.profile.level / 275));
    this.xpGained += xp;
    if (this.profile.level === 275) this.luminanceGained += Math.round(xp / 2_000);
    if (this.fighter.caster && this.random.chance(0.3)) this.tapers++;
    this.health = Math.max(5, this.health - (taken / this.profile.healthMax) * 25);
    if (this.random.chance(1 / (this.profile.killRate * HOURS_PER_DEATH))) {
      this.die();
      return;
    }
    if (this.random.chance(1 / (this.pace.killsPerRare ?? KILLS_PER_RARE))) {
      const name = this.random.pick(rareItemNames);
      this.rares++;
      this.locate();
      this.emit(this.frame<RareFrame>('rare', { name, ...this.position() }));
      const item = (this.inventory as Inventory).loot(this.random, name);
      this.emit(this.frame<InventoryDeltaFrame>('inventory_delta', { action: 'add', item }));
    }
  }

  private updateVitals(): void {
    const random = this.random;
    if (this.vitae > 0 && this.killsTowardVitae >= 10) {
      this.vitae--;
      this.killsTowardVitae = 0;
    }
    switch (this.state) {
      case HUNTING:
        this.health = clamp(this.health + random.range(-14, 16), 12, 100);
        this.stamina = clamp(this.stamina + random.range(-6, 5), 5, 100);
        this.mana = clamp(this.mana + (this.fighter.caster ? random.range(-12, 9) : random.range(-4, 4)), 3, 100);
        break;
      case DEAD:
        this.health = 0;
        break;
      default:
        this.health = Math.min(100, this.health + random.range(4, 10));
        this.stamina = Math.min(100, this.stamina + random.range(6, 12));
        this.mana = Math.min(100, this.mana + random.range(3, 8));
    }
  }

  private changeInventory(): void {
    const inventory = this.inventory as Inventory;
    const random = this.random;
    const weights = this.state === HUNTING ? [60, 25, 15] : this.state === IDLE ? [10, 45, 45] : [30, 50, 20];
    const action = random.weighted(weights);
    if (action === 0) {
      this.emit(this.frame<InventoryDeltaFrame>('inventory_delta', { action: 'add', item: inventory.loot(random) }));
    } else if (action === 1) {
      const item = inventory.update(random);
      if (item) this.emit(this.frame<InventoryDeltaFrame>('inventory_delta', { action: 'update', item }));
    } else {
      const id = inventory.remove(random);
      if (id !== null) this.emit(this.frame<InventoryDeltaFrame>('inventory_delta', { action: 'remove', item: { id } }));
    }
  }

  private completeQuest(): void {
    const open: number[] = [];
    this.questIds.forEach((q, i) => {
      const definition = questDefinitions[q] as (typeof questDefinitions)[number];
      if (this.questDoneAt[i]! + definition.cooldown * 1000 <= this.clock && this.questSolves[i]! < definition.maxSolves) open.push(i);
    });
    if (open.length === 0) return;
    const i = this.random.pick(open);
    this.questSolves[i]!++;
    this.questDoneAt[i] = this.clock;
  }

  // ---- Frames --------------------------------------------------------------

  /** A frame of `type`: the envelope, then the payload, always in the same key order. */
  private frame<F extends Frame>(type: F['type'], payload: Omit<F, 'type' | 'character_name' | 'timestamp' | 'session_id'>): F {
    return {
      type,
      character_name: this.name,
      timestamp: this.timestamp(),
      session_id: this.sessionId,
      ...payload,
    } as F;
  }

  /**
   * Sets the reported position of a spot near the character: rounded as sent,
   * and underground (dungeon altitude and cell) while it hunts in a dungeon.
   */
  private report(spotEw: number, spotNs: number): void {
    const ew = round4(clamp(spotEw, MAP_MIN, MAP_MAX));
    const ns = round4(clamp(spotNs, MAP_MIN, MAP_MAX));
    this.reportedEw = ew;
    this.reportedNs = ns;
    const ground = this.underground();
    if (ground?.dungeon) {
      const dns = ns - ground.ns;
      this.reportedZ = dungeonFloorAt(ground.dungeon, ew, ns);
      this.reportedLandblock = dungeonCellOf(ground.dungeon, ew - ground.ew, dns);
    } else {
      this.reportedZ = round2(altitude(ew, ns));
      this.reportedLandblock = landblockOf(ew, ns);
    }
  }

  /** The dungeon ground the character is in, if any. */
  private underground(): HuntingGround | undefined {
    const ground = this.currentGround >= 0 && this.state !== NAVIGATING ? huntingGrounds[this.currentGround] : undefined;
    return ground?.dungeon ? ground : undefined;
  }

  private position(): { ew: number; ns: number; z: number; heading: number; landblock: string } {
    this.report(this.ew, this.ns);
    return { ew: this.reportedEw, ns: this.reportedNs, z: this.reportedZ, heading: round1(this.heading), landblock: this.reportedLandblock };
  }

  private timestamp(): string | number {
    return this.profile.epochTimestamps ? this.clock : new Date(this.clock).toISOString();
  }

  /** The dominant frame, built as one literal: no spreads, one object per frame. */
  private sendTelemetry(): void {
    this.locate();
    this.report(this.ew, this.ns);
    const random = this.random;
    const online = Math.floor((this.clock - this.sessionStart) / 1000);
    const hours = Math.max(online, 600) / 3600;
    const busy = this.state === HUNTING;
    const spike = random.chance(0.01) ? random.range(200, 900) : 0;
    const frame: TelemetryFrame = {
      type: 'telemetry',
      character_name: this.name,
      timestamp: this.timestamp(),
      session_id: this.sessionId,
      ew: this.reportedEw,
      ns: this.reportedNs,
      z: this.reportedZ,
      heading: round1(this.heading),
      landblock: this.reportedLandblock,
      kills: this.kills,
      deaths: this.deaths,
      rares_found: this.rares,
      prismatic_taper_count: this.tapers,
      kills_per_hour: round1(this.kills / hours),
      onlinetime: this.profile.onlineTimeInSeconds ? online : clockTime(online),
      vt_state: vtStates[this.state] as string,
      mem_mb: round1(this.profile.memBase + online / 200 + random.range(-4, 4)),
      cpu_pct: round1(busy ? random.range(12, 35) : random.range(2, 12)),
      latency_ms: Math.round(this.profile.latencyBase * random.range(0.7, 1.3) + spike),
    };
    this.emit(frame);
  }

  private sendVitals(): void {
    const scale = 1 - this.vitae / 100;
    const healthMax = Math.round(this.profile.healthMax * scale);
    const staminaMax = Math.round(this.profile.staminaMax * scale);
    const manaMax = Math.round(this.profile.manaMax * scale);
    const healthCurrent = Math.round((healthMax * this.health) / 100);
    const staminaCurrent = Math.round((staminaMax * this.stamina) / 100);
    const manaCurrent = Math.round((manaMax * this.mana) / 100);
    const vitals: VitalsFrame = {
      type: 'vitals',
      character_name: this.name,
      timestamp: this.timestamp(),
      session_id: this.sessionId,
      health_pct: round1((healthCurrent / healthMax) * 100),
      stamina_pct: round1((staminaCurrent / staminaMax) * 100),
      mana_pct: round1((manaCurrent / manaMax) * 100),
      vitae_pct: this.vitae,
      health_current: healthCurrent,
      health_max: healthMax,
      stamina_current: staminaCurrent,
      stamina_max: staminaMax,
      mana_current: manaCurrent,
      mana_max: manaMax,
    };
    this.emit(vitals);
    if (this.profile.group !== null && this.vitalsCount++ % 2 === 0) {
      const share: ShareVitalsFrame = { ...vitals, type: 'share_vitals', group: this.profile.group };
      this.emit(share);
    }
  }

  private sendCharacterStats(): void {
    this.emit(this.frame<CharacterStatsFrame>('character_stats', characterSheet(this.profile, this.xpGained, this.deathsSinceStart, this.luminanceGained)));
  }

  private sendQuests(): void {
    const quests = this.questIds.map((q, i) => {
      const definition = questDefinitions[q] as (typeof questDefinitions)[number];
      const doneAt = this.questDoneAt[i] as number;
      return {
        name: definition.name,
        solves: this.questSolves[i] as number,
        max_solves: definition.maxSolves,
        completed_at: new Date(doneAt).toISOString(),
        available_in_s: Math.max(0, Math.ceil((doneAt + definition.cooldown * 1000 - this.clock) / 1000)),
      };
    });
    this.emit(this.frame<QuestFrame>('quest', { quests }));
  }

  private sendCantrips(): void {
    const effects: CantripEffect[] = [];
    for (const item of (this.inventory as Inventory).wornItems()) {
      for (const name of item.spells ?? []) effects.push({ spell_id: spellIds.get(name) ?? 0, name, duration_s: -1, caster: item.name });
    }
    const left = Math.floor(BUFF_DURATION_S - (this.clock - this.buffsCastAt) / 1000);
    if (left > 0) {
      for (const name of this.fighter.caster ? selfBuffs : [...selfBuffs, ...auraBuffs]) {
        effects.push({ spell_id: spellIds.get(name) ?? 0, name, duration_s: left, caster: this.name });
      }
    }
    this.emit(this.frame<EquipmentCantripStateFrame>('equipment_cantrip_state', { effects }));
  }

  private sendSpawn(): void {
    this.locate();
    const random = this.random;
    const hunting = this.state === HUNTING;
    const ground = hunting ? huntingGrounds[this.currentGround] : undefined;
    const monster = ground ? (monsters[random.pick(ground.monsters)] as (typeof monsters)[number]) : random.pick(monsters);
    const angle = random.range(0, 2 * Math.PI);
    const r = this.underground() ? random.range(0.01, 0.05) : random.range(0.05, 0.25);
    this.report(this.ew + Math.sin(angle) * r, this.ns + Math.cos(angle) * r);
    this.emit(
      this.frame<SpawnFrame>('spawn', {
        monster_name: monster.name,
        ew: this.reportedEw,
        ns: this.reportedNs,
        z: this.reportedZ,
        landblock: this.reportedLandblock,
      }),
    );
  }

  private sendCombatStats(): void {
    if (this.combat.empty) return;
    this.emit(this.frame<CombatStatsFrame>('combat_stats', { session: this.combat.snapshot() }));
    // Plugins now and then send the same snapshot twice.
    if (this.random.chance(0.1)) this.emit(this.frame<CombatStatsFrame>('combat_stats', { session: this.combat.snapshot() }));
  }

  private sendChat(): void {
    const random = this.random;
    let channel = channels[random.weighted(channelWeights)] as (typeof channels)[number];
    if (channel.name === 'Fellowship' && this.peers.fellows.length === 0) channel = channels[0] as (typeof channels)[number];
    const others = channel.name === 'Fellowship' ? this.peers.fellows : this.peers.names;
    let sender = random.pick(others);
    // Mostly others talking; a plugin also sees its own lines, but never tells itself.
    for (let attempt = 0; sender === this.name && others.length > 1 && (channel.name === 'Tell' || attempt < 1); attempt++) sender = random.pick(others);
    this.emit(this.frame<ChatFrame>('chat', { channel: channel.name, text: chatLine(random, channel), color: channel.color, sender }));
  }

  private sightPortals(portals: readonly Portal[]): void {
    for (const portal of portals) {
      // Each sighting is a little off, as the game reports it, but rounds to the same 0.1 square.
      const ew = round4(portal.ew + this.random.range(-0.04, 0.04));
      const ns = round4(portal.ns + this.random.range(-0.04, 0.04));
      this.emit(
        this.frame<PortalFrame>('portal', { portal_name: portal.name, ew, ns, z: round2(portal.z + this.random.range(-0.2, 0.2)), landblock: landblockOf(portal.ew, portal.ns) }),
      );
    }
  }

  private sendNearby(): void {
    this.locate();
    const random = this.random;
    const objects: NearbyObject[] = [];
    const reach = this.underground() ? 0.06 : 0.3;
    const add = (id: number, name: string, objectClass: string): void => {
      const angle = random.range(0, 2 * Math.PI);
      const r = random.range(0.02, 1) * reach;
      this.report(this.ew + Math.sin(angle) * r, this.ns + Math.cos(angle) * r);
      objects.push({
        id,
        name,
        object_class: objectClass,
        ew: this.reportedEw,
        ns: this.reportedNs,
        z: this.reportedZ,
        distance: round1(Math.hypot(this.reportedEw - this.ew, this.reportedNs - this.ns) * METRES_PER_UNIT),
      });
    };
    if (this.state === HUNTING) {
      const ground = huntingGrounds[this.currentGround] as (typeof huntingGrounds)[number];
      for (let i = random.int(3, 8); i > 0; i--) {
        const monster = monsters[random.pick(ground.monsters)] as (typeof monsters)[number];
        add(0xdb00_0000 + (random.uint32() & 0xff_ffff), monster.name, 'Monster');
      }
      if (random.chance(0.5)) add(0xdb00_0000 + (random.uint32() & 0xff_ffff), `Corpse of ${(monsters[ground.monsters[0] as number] as (typeof monsters)[number]).name}`, 'Corpse');
    } else if (this.currentPlace >= 0) {
      for (const npc of random.sample(npcNames, random.int(3, 6))) add(0x7000_0000 + this.currentPlace * 256 + npcNames.indexOf(npc), npc, 'Npc');
      add(0x7001_0000 + this.currentPlace, 'Lifestone', 'Lifestone');
    } else {
      for (let i = random.int(0, 3); i > 0; i--) add(0xdb00_0000 + (random.uint32() & 0xff_ffff), random.pick(monsters).name, 'Monster');
    }
    for (let i = random.int(0, 3); i > 0; i--) {
      const peer = random.int(0, this.peers.names.length - 1);
      const name = this.peers.names[peer] as string;
      if (name !== this.name) add(0x5000_0000 + peer * 16, name, 'Player');
    }
    this.emit(this.frame<NearbyObjectsFrame>('nearby_objects', { objects }));
  }
}

/** Seconds as the game's "HH:MM:SS" (hours may pass 24). */
function clockTime(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return `${h < 10 ? '0' : ''}${h}:${m < 10 ? '0' : ''}${m}:${s < 10 ? '0' : ''}${s}`;
}
