import type { AlertType } from '@lifestone/lib/alerts';

/**
 * Which alerts go where. A route is a key of `LIFESTONE_DISCORD_ROUTES` (a
 * channel) or `LIFESTONE_DISCORD_WEBHOOKS` (a webhook URL): `death`, `idle`
 * (IDLE and IDLE_ENDED), `vortex`, `offline`, `rare` (both tiers),
 * `rare.great`, `rare.common`, `goal` (GOAL_REACHED), `loot` (LOOT: items
 * picked up worth at least the fleet's loot threshold).
 */

export const ROUTE_KEYS = ['death', 'idle', 'vortex', 'offline', 'rare', 'rare.great', 'rare.common', 'goal', 'loot'] as const;
export type RouteKey = (typeof ROUTE_KEYS)[number];

/** Where a route posts. */
export type RouteTarget = { kind: 'channel'; channelId: string } | { kind: 'webhook'; url: string };

export interface Route {
  key: RouteKey;
  target: RouteTarget;
  /** The alert types it asks the graph for. */
  types: AlertType[];
  /** For `rare.great` and `rare.common`: the tier it keeps. */
  tier: 'GREAT' | 'COMMON' | null;
}

const TYPES: Record<RouteKey, AlertType[]> = {
  death: ['DEATH'],
  idle: ['IDLE', 'IDLE_ENDED'],
  vortex: ['VORTEX'],
  offline: ['OFFLINE'],
  rare: ['RARE'],
  'rare.great': ['RARE'],
  'rare.common': ['RARE'],
  goal: ['GOAL_REACHED'],
  loot: ['LOOT'],
};

/** A setting's value refused, with what to write instead. */
export class RouteSettingError extends Error {
  constructor(setting: string, problem: string) {
    super(`${setting}: ${problem}. Write it as key=value pairs separated by commas, keys among ${ROUTE_KEYS.join(', ')}, e.g. rare.great=123456789012345678,death=234567890123456789.`);
    this.name = 'RouteSettingError';
  }
}

const SNOWFLAKE = /^[0-9]{15,21}$/;
const WEBHOOK_PATH = /\/webhooks\/([0-9]{15,21})\/([A-Za-z0-9_-]{10,})\/?$/;

/** Parses `key=value,key=value` of one setting into routes; an unset or empty setting has none. */
function parsePairs(setting: string, value: string | undefined, target: (raw: string, key: string) => RouteTarget): Route[] {
  if (value === undefined || value.trim() === '') return [];
  const routes: Route[] = [];
  for (const pair of value.split(',')) {
    if (pair.trim() === '') continue;
    const at = pair.indexOf('=');
    if (at < 0) throw new RouteSettingError(setting, `"${pair.trim()}" has no "="`);
    const key = pair.slice(0, at).trim().toLowerCase();
    if (!(ROUTE_KEYS as readonly string[]).includes(key)) throw new RouteSettingError(setting, `"${key}" is not a route`);
    if (routes.some((route) => route.key === key)) throw new RouteSettingError(setting, `"${key}" is given twice`);
    const routeKey = key as RouteKey;
    routes.push({ key: routeKey, target: target(pair.slice(at + 1).trim(), routeKey), types: TYPES[routeKey], tier: routeKey === 'rare.great' ? 'GREAT' : routeKey === 'rare.common' ? 'COMMON' : null });
  }
  return routes;
}

/**
 * The routes of both settings. A key may be a channel or a webhook, not
 * both; `rare` and a tiered `rare.*` would post the same rares twice, and are
 * refused together.
 */
export function parseRoutes(channels: string | undefined, webhooks: string | undefined): Route[] {
  const routes = [
    ...parsePairs('LIFESTONE_DISCORD_ROUTES', channels, (raw, key) => {
      if (!SNOWFLAKE.test(raw)) throw new RouteSettingError('LIFESTONE_DISCORD_ROUTES', `"${key}" wants a channel id (digits; Discord: right-click the channel, Copy Channel ID), got "${raw}"`);
      return { kind: 'channel', channelId: raw };
    }),
    ...parsePairs('LIFESTONE_DISCORD_WEBHOOKS', webhooks, (raw, key) => {
      let url: URL;
      try {
        url = new URL(raw);
      } catch {
        throw new RouteSettingError('LIFESTONE_DISCORD_WEBHOOKS', `"${key}" wants a webhook URL (https://discord.com/api/webhooks/<id>/<token>)`);
      }
      if (!WEBHOOK_PATH.test(url.pathname)) throw new RouteSettingError('LIFESTONE_DISCORD_WEBHOOKS', `"${key}" wants a webhook URL (https://discord.com/api/webhooks/<id>/<token>)`);
      return { kind: 'webhook', url: raw };
    }),
  ];
  const keys = routes.map((route) => route.key);
  const twice = keys.find((key, index) => keys.indexOf(key) !== index);
  if (twice) throw new RouteSettingError('LIFESTONE_DISCORD_WEBHOOKS', `"${twice}" is a channel in LIFESTONE_DISCORD_ROUTES already`);
  if (keys.includes('rare') && keys.some((key) => key.startsWith('rare.'))) {
    throw new RouteSettingError('LIFESTONE_DISCORD_ROUTES', '"rare" posts both tiers, so "rare.great" or "rare.common" beside it would post rares twice');
  }
  return routes;
}

/** The id and token of a webhook URL. */
export function webhookParts(url: string): { id: string; token: string } {
  const match = WEBHOOK_PATH.exec(new URL(url).pathname);
  if (!match) throw new Error(`not a webhook URL: ${url}`);
  return { id: match[1] as string, token: match[2] as string };
}
