import { describe, expect, it } from 'vitest';
import { parseRoutes, RouteSettingError, webhookParts } from './routes.js';

const CHANNEL = '123456789012345678';
const OTHER = '234567890123456789';
const WEBHOOK = 'https://discord.com/api/webhooks/345678901234567890/abcDEF_ghi-JKLmnop';

describe('parseRoutes', () => {
  it('reads channel routes: their alert types, and the tier of a tiered rare route', () => {
    const routes = parseRoutes(`rare.great=${CHANNEL}, rare.common=${OTHER},death=${CHANNEL},idle=${OTHER},vortex=${CHANNEL},offline=${OTHER},goal=${CHANNEL},loot=${OTHER}`, undefined);
    expect(routes.map(({ key, types, tier, target }) => ({ key, types, tier, target }))).toEqual([
      { key: 'rare.great', types: ['RARE'], tier: 'GREAT', target: { kind: 'channel', channelId: CHANNEL } },
      { key: 'rare.common', types: ['RARE'], tier: 'COMMON', target: { kind: 'channel', channelId: OTHER } },
      { key: 'death', types: ['DEATH'], tier: null, target: { kind: 'channel', channelId: CHANNEL } },
      { key: 'idle', types: ['IDLE', 'IDLE_ENDED'], tier: null, target: { kind: 'channel', channelId: OTHER } },
      { key: 'vortex', types: ['VORTEX'], tier: null, target: { kind: 'channel', channelId: CHANNEL } },
      { key: 'offline', types: ['OFFLINE'], tier: null, target: { kind: 'channel', channelId: OTHER } },
      { key: 'goal', types: ['GOAL_REACHED'], tier: null, target: { kind: 'channel', channelId: CHANNEL } },
      { key: 'loot', types: ['LOOT'], tier: null, target: { kind: 'channel', channelId: OTHER } },
    ]);
  });

  it('takes `rare` for both tiers, and webhooks beside channels', () => {
    const routes = parseRoutes(`rare=${CHANNEL}`, `death=${WEBHOOK}`);
    expect(routes.map((route) => [route.key, route.tier, route.target.kind])).toEqual([['rare', null, 'channel'], ['death', null, 'webhook']]);
    expect(webhookParts(WEBHOOK)).toEqual({ id: '345678901234567890', token: 'abcDEF_ghi-JKLmnop' });
  });

  it('has no route for an unset or empty setting, and skips empty pairs', () => {
    expect(parseRoutes(undefined, undefined)).toEqual([]);
    expect(parseRoutes('  ', '')).toEqual([]);
    expect(parseRoutes(`death=${CHANNEL},`, undefined)).toHaveLength(1);
  });

  it.each([
    [`death:${CHANNEL}`, undefined, /LIFESTONE_DISCORD_ROUTES: "death:\d+" has no "="/],
    [`deaths=${CHANNEL}`, undefined, /"deaths" is not a route.*keys among death, idle, vortex, offline, rare, rare\.great, rare\.common/],
    ['death=#deaths', undefined, /"death" wants a channel id \(digits; Discord: right-click the channel, Copy Channel ID\), got "#deaths"/],
    [`death=${CHANNEL},death=${OTHER}`, undefined, /"death" is given twice/],
    [`rare=${CHANNEL},rare.great=${OTHER}`, undefined, /"rare" posts both tiers/],
    [`death=${CHANNEL}`, `death=${WEBHOOK}`, /LIFESTONE_DISCORD_WEBHOOKS: "death" is a channel in LIFESTONE_DISCORD_ROUTES already/],
    [undefined, 'death=discord.com/webhooks', /LIFESTONE_DISCORD_WEBHOOKS: "death" wants a webhook URL/],
    [undefined, 'idle=https://discord.com/api/channels/345678901234567890', /"idle" wants a webhook URL \(https:\/\/discord\.com\/api\/webhooks\/<id>\/<token>\)/],
  ])('refuses %s / %s with a message that says what to write', (channels, webhooks, message) => {
    expect(() => parseRoutes(channels, webhooks)).toThrow(RouteSettingError);
    expect(() => parseRoutes(channels, webhooks)).toThrow(message);
    expect(() => parseRoutes(channels, webhooks)).toThrow(/Write it as key=value pairs separated by commas/);
  });
});
