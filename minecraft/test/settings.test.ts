import { describe, expect, it } from 'vitest';
import { MinecraftSettingError, parseBotName, parseMinecraftServers } from '../src/servers.js';
import { minecraftSettings } from '../src/settings.js';

const FORM = 'expected name=host:port pairs separated by commas, e.g. survival=play.example.org:25565,creative=10.0.0.5:25566';

describe('LIFESTONE_MINECRAFT_SERVERS', () => {
  it('reads name=host:port pairs, spaces around them ignored', () => {
    expect(parseMinecraftServers('survival=play.example.org:25565, Creative 2 = 10.0.0.5:25566,v6=[::1]:25567')).toEqual([
      { name: 'survival', host: 'play.example.org', port: 25565 },
      { name: 'Creative 2', host: '10.0.0.5', port: 25566 },
      { name: 'v6', host: '::1', port: 25567 },
    ]);
  });

  it('is no server when unset or blank', () => {
    expect(parseMinecraftServers(undefined)).toEqual([]);
    expect(parseMinecraftServers('  ')).toEqual([]);
  });

  it.each([
    ['play.example.org:25565', '"play.example.org:25565" has no "="'],
    ['survival=play.example.org', '"survival=play.example.org" has no ":port"'],
    ['=host:1', '"=host:1" has no valid name (1 to 64 letters, digits, spaces, ".", "_" or "-", starting with a letter or digit)'],
    ['s=host:0', '"s=host:0" has a port that is not a number from 1 to 65535'],
    ['s=host:65536', '"s=host:65536" has a port that is not a number from 1 to 65535'],
    ['s=host:25x', '"s=host:25x" has a port that is not a number from 1 to 65535'],
    ['s=ho st:1', '"s=ho st:1" has an invalid host'],
    ['s=:1', '"s=:1" has an invalid host'],
    ['s=[zz]:1', '"s=[zz]:1" has an invalid IPv6 address'],
    ['a=h:1,a=g:2', '"a=g:2" repeats the name "a"'],
    ['a=h:1,,b=g:2', '"" has no "="'],
  ])('refuses %j, showing the expected form', (value, why) => {
    let caught: unknown;
    try {
      parseMinecraftServers(value);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(MinecraftSettingError);
    expect((caught as MinecraftSettingError).code).toBe('INVALID_MINECRAFT_SETTING');
    expect((caught as Error).message).toBe(`LIFESTONE_MINECRAFT_SERVERS: ${why}; ${FORM}`);
  });
});

describe('LIFESTONE_MINECRAFT_BOT_NAME', () => {
  it('takes a Minecraft player name', () => {
    expect(parseBotName('Lifestone_Eye2')).toBe('Lifestone_Eye2');
  });

  it.each(['ab', 'a'.repeat(17), 'Lifestone Eye', 'Eye!'])('refuses %j', (name) => {
    expect(() => parseBotName(name)).toThrow(
      `LIFESTONE_MINECRAFT_BOT_NAME: ${JSON.stringify(name)} is not a Minecraft player name; expected 3 to 16 letters, digits or "_", e.g. LifestoneEye`,
    );
  });
});

describe('minecraftSettings', () => {
  it('defaults the bot name and the ingest endpoint', () => {
    expect(minecraftSettings({ LIFESTONE_MINECRAFT_SERVERS: 'survival=127.0.0.1:25565', LIFESTONE_INGEST_PORT: '4200', LIFESTONE_PLUGIN_SECRET: 's' })).toEqual({
      servers: [{ name: 'survival', host: '127.0.0.1', port: 25565 }],
      botName: 'LifestoneEye',
      ingestUrl: 'ws://127.0.0.1:4200/ws/position',
      pluginKey: undefined,
      pluginSecret: 's',
      statusPort: undefined,
      statusHost: '127.0.0.1',
    });
  });

  it('reads the status port, and refuses one that is not a port', () => {
    expect(minecraftSettings({ LIFESTONE_MINECRAFT_STATUS_PORT: '4180', LIFESTONE_MINECRAFT_STATUS_HOST: '0.0.0.0' })).toMatchObject({ statusPort: 4180, statusHost: '0.0.0.0' });
    expect(() => minecraftSettings({ LIFESTONE_MINECRAFT_STATUS_PORT: '70000' })).toThrow(
      'LIFESTONE_MINECRAFT_STATUS_PORT: "70000" is not a port; expected a number from 0 to 65535, e.g. 4180',
    );
  });

  it('refuses an ingest endpoint that is not a WebSocket URL', () => {
    expect(() => minecraftSettings({ LIFESTONE_MINECRAFT_INGEST_URL: 'http://127.0.0.1:4100/ws/position' })).toThrow(
      'LIFESTONE_MINECRAFT_INGEST_URL: "http://127.0.0.1:4100/ws/position" is not a WebSocket URL; expected ws://host:port/ws/position or wss://...',
    );
  });
});
