import { describe, expect, it } from 'vitest';
import { frameTypes } from './constants.js';
import { timestamp } from './fields.js';
import { reviveFrame } from './index.js';
import { schemaFiles } from './schema-files.js';
import { parsed } from '@lifestone/test-kit/protocol';

type Schema = { properties?: Record<string, Schema>; items?: Schema; anyOf?: Schema[]; oneOf?: Schema[]; allOf?: Schema[]; pattern?: string; additionalProperties?: Schema | boolean };

const isoPattern = (timestamp.wire[0] as { pattern: string }).pattern;

/** Paths (`quests[].completed_at`) of the fields a schema reads as timestamps, which the parser turns into Dates. */
function timestampPaths(schema: Schema, path: string): string[] {
  if (schema.anyOf?.some((option) => option.pattern === isoPattern)) return [path];
  const nested = [
    ...Object.entries(schema.properties ?? {}).map(([name, property]) => timestampPaths(property, path ? `${path}.${name}` : name)),
    ...[...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])].map((option) => timestampPaths(option, path)),
    schema.items ? timestampPaths(schema.items, `${path}[]`) : [],
    typeof schema.additionalProperties === 'object' ? timestampPaths(schema.additionalProperties, `${path}.*`) : [],
  ];
  return [...new Set(nested.flat())];
}

describe('reviveFrame', () => {
  it('knows every field the parser turns into a Date', () => {
    const files = schemaFiles();
    const paths = frameTypes.flatMap((type) => timestampPaths(JSON.parse(files.get(`${type}.json`) as string) as Schema, '').map((path) => `${type}: ${path}`));
    // reviveFrame revives these and nothing else: a new timestamp field must be added there too.
    expect(paths.sort()).toEqual([...frameTypes.map((type) => `${type}: timestamp`), 'quest: quests[].completed_at'].sort());
  });

  it('makes a parsed frame from its JSON', () => {
    const quest = parsed({
      type: 'quest', character_name: 'Thorn', timestamp: '2026-11-21T11:00:00.5+01:00',
      quests: [{ name: 'Stipend', completed_at: '1763700000000', extra: 1 }, { name: 'Bounty' }],
    });
    const telemetry = parsed({ type: 'telemetry', character_name: 'Thorn', ew: '1.5', ns: 2, z: 0, note: { a: [1] } });
    for (const frame of [quest, telemetry]) expect(reviveFrame(JSON.parse(JSON.stringify(frame)) as Record<string, unknown>)).toEqual(frame);
  });
});
