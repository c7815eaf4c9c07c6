/**
 * What each assistant session is looking at, for the map: the characters and
 * places its traces named since it last went to work, shown while it is
 * active and fading once it goes idle (see `activity.ts`).
 */
import { focusOpacity, sessionActivity } from './activity';
import { sessionColour } from './sessionColour';
import type { AssistantTrace } from './timeline';

/** A place a trace named (map coordinates), and the character that was there when the result said. */
export interface FocusPlace {
  ns: number;
  ew: number;
  character: string | null;
}

/** One session's current look. */
export interface SessionLook {
  sessionId: string;
  user: string;
  /** This page's clock (ms) when its last trace arrived. */
  lastTraceAt: number;
  /** The characters named since it went to work, oldest first. */
  characters: string[];
  /** The places named since it went to work, oldest first. */
  places: FocusPlace[];
}

/** Characters one session's look keeps (the oldest named are dropped). */
export const MAX_FOCUS_CHARACTERS = 100;
/** Places one session's look keeps (the oldest named are dropped). */
export const MAX_FOCUS_PLACES = 400;
/** Sessions kept (the least recently active are forgotten). */
export const MAX_LOOKS = 50;

/**
 * `looks` after `trace` arrived at `now`: the session's characters and places
 * gain the trace's (each once), or start afresh when it was idle. Returns a
 * new map, of at most {@link MAX_LOOKS} sessions; the other sessions' looks
 * are the same objects.
 */
export function addLook(looks: ReadonlyMap<string, SessionLook>, trace: AssistantTrace, now: number): Map<string, SessionLook> {
  const known = looks.get(trace.sessionId);
  const fresh = !known || sessionActivity(known.lastTraceAt, now) === 'idle';
  const characters = fresh ? [] : [...known.characters];
  for (const name of trace.characters) if (!characters.includes(name)) characters.push(name);
  const places = fresh ? [] : [...known.places];
  const placeKey = (place: FocusPlace) => `${place.ns},${place.ew},${place.character ?? ''}`;
  const seen = new Set(places.map(placeKey));
  for (const { ns, ew, character } of trace.positions) {
    const place = { ns, ew, character: character ?? null };
    if (seen.has(placeKey(place))) continue;
    seen.add(placeKey(place));
    places.push(place);
  }
  const next = new Map(looks);
  next.set(trace.sessionId, {
    sessionId: trace.sessionId,
    user: trace.user,
    lastTraceAt: now,
    characters: characters.slice(-MAX_FOCUS_CHARACTERS),
    places: places.slice(-MAX_FOCUS_PLACES),
  });
  if (next.size > MAX_LOOKS) {
    const oldest = [...next.values()].sort((a, b) => a.lastTraceAt - b.lastTraceAt).slice(0, next.size - MAX_LOOKS);
    for (const look of oldest) next.delete(look.sessionId);
  }
  return next;
}

/** One thing to highlight on the map. */
export interface FocusMark {
  /** A live character (at its position now), or a place a trace named. */
  kind: 'character' | 'place';
  ns: number;
  ew: number;
  /** The character's name; for a place, the character that was there, if said. */
  name: string | null;
  sessionId: string;
  /** The session's colour (`sessionColour`). */
  colour: string;
  /** 1 while the session is active, fading to 0 (`focusOpacity`). */
  opacity: number;
}

/**
 * What the map highlights at `now`: for each session not yet faded out (the
 * least recently active first, so the busiest draws on top), each of its
 * characters that `locate` finds live, where it is now, then each of its
 * places, except the places of a character already highlighted live.
 */
export function focusMarks(looks: ReadonlyMap<string, SessionLook>, locate: (name: string) => { ns: number; ew: number } | undefined, now: number): FocusMark[] {
  const marks: FocusMark[] = [];
  const sessions = [...looks.values()].sort((a, b) => a.lastTraceAt - b.lastTraceAt);
  for (const look of sessions) {
    const opacity = focusOpacity(look.lastTraceAt, now);
    if (opacity <= 0) continue;
    const colour = sessionColour(look.sessionId);
    const live = new Set<string>();
    for (const name of look.characters) {
      const where = locate(name);
      if (!where) continue;
      live.add(name);
      marks.push({ kind: 'character', ns: where.ns, ew: where.ew, name, sessionId: look.sessionId, colour, opacity });
    }
    for (const place of look.places) {
      if (place.character !== null && live.has(place.character)) continue;
      marks.push({ kind: 'place', ns: place.ns, ew: place.ew, name: place.character, sessionId: look.sessionId, colour, opacity });
    }
  }
  return marks;
}

/** Whether any session's highlights still show at `now` (the map animates only then). */
export function anyFocus(looks: ReadonlyMap<string, SessionLook>, now: number): boolean {
  for (const look of looks.values()) if (focusOpacity(look.lastTraceAt, now) > 0) return true;
  return false;
}

/**
 * The characters any session's highlights name at `now`, each with the colour
 * of the most recently active session naming it: the map names them in that
 * colour whatever else is near.
 */
export function focusedCharacters(looks: ReadonlyMap<string, SessionLook>, now: number): Map<string, string> {
  const names = new Map<string, string>();
  const sessions = [...looks.values()].sort((a, b) => b.lastTraceAt - a.lastTraceAt);
  for (const look of sessions) {
    if (focusOpacity(look.lastTraceAt, now) <= 0) continue;
    const colour = sessionColour(look.sessionId);
    for (const name of look.characters) if (!names.has(name)) names.set(name, colour);
  }
  return names;
}
