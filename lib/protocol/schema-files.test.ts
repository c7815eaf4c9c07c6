import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { schemaFiles, schemasDir } from './schema-files.js';

describe('published JSON Schemas', () => {
  const generated = schemaFiles();

  it('are one file per inbound frame type, plus error, command and protocol 2\'s welcome and ack', () => {
    expect([...generated.keys()].sort()).toStrictEqual(
      [
        'ack',
        'character_stats',
        'chat',
        'combat_stats',
        'command',
        'dungeon_map',
        'equipment_cantrip_state',
        'error',
        'full_inventory',
        'inventory_delta',
        'nearby_objects',
        'portal',
        'quest',
        'rare',
        'share_vitals',
        'spawn',
        'telemetry',
        'vitals',
        'welcome',
      ].map((name) => `${name}.json`),
    );
  });

  it('on disk are what `npm run schemas` would write (run it when this fails)', async () => {
    const onDisk = (await readdir(schemasDir)).filter((file) => file.endsWith('.json')).sort();
    expect(onDisk).toStrictEqual([...generated.keys()].sort());
    for (const [file, content] of generated) {
      expect(await readFile(path.join(schemasDir, file), 'utf8'), file).toBe(content);
    }
  });

  it('describe the wire side: coerced fields accept numbers and numeric strings, and only real requirements are required', () => {
    const telemetry = JSON.parse(generated.get('telemetry.json')!);
    expect(telemetry.required).toStrictEqual(['type', 'character_name', 'ew', 'ns', 'z']);
    expect(telemetry.properties.ew.anyOf).toStrictEqual([
      { type: 'number', minimum: -9999, maximum: 9999 },
      { type: 'string', pattern: String.raw`^\s*[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?\s*$` },
    ]);
    expect(telemetry.properties.kills.anyOf.at(-1)).toStrictEqual({ type: 'null' });
    // Protocol 2's seq is published on every inbound frame, and required by protocol 2 alone.
    expect(telemetry.properties.seq.anyOf[0]).toStrictEqual({ type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER });
    expect(JSON.parse(generated.get('welcome.json')!).required).toStrictEqual(['type', 'protocol', 'stream', 'acked']);
    expect(JSON.parse(generated.get('error.json')!).properties.seq.anyOf).toStrictEqual([
      { type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER },
      { type: 'null' },
    ]);
    expect(JSON.parse(generated.get('full_inventory.json')!).properties.type).toStrictEqual({
      type: 'string',
      enum: ['full_inventory', 'inventory'],
    });
  });
});
