import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { frameTypes } from './constants.js';
import { wireDocs } from './fields.js';
import { frameSchemas } from './frames.js';
import { ackFrameSchema, commandFrameSchema, errorFrameSchema, welcomeFrameSchema } from './outbound.js';
import { seqSchema } from './parse.js';

/** Where the published JSON Schemas live: lib/protocol/schemas/. */
export const schemasDir = fileURLToPath(new URL('./schemas/', import.meta.url));

/**
 * The published JSON Schemas, generated from the zod schemas: file name in
 * `schemasDir` -> file content. Inbound frames describe what a plugin may
 * send (the input side, coercions included); `error.json` and `command.json`
 * describe what ingest sends.
 */
export function schemaFiles(): Map<string, string> {
  const published: Array<[title: string, schema: z.ZodType]> = [
    ...frameTypes.map((type): [string, z.ZodType] => [type, frameSchemas[type]]),
    ['error', errorFrameSchema],
    ['command', commandFrameSchema],
    ['welcome', welcomeFrameSchema],
    ['ack', ackFrameSchema],
  ];
  const inbound = new Set<string>(frameTypes);
  // `seq` is read beside a frame's schema (parseSequencedFrame), so that protocol 1 frames parse exactly as before.
  const { $schema: _schema, ...seq } = jsonSchemaOf(seqSchema);
  return new Map(
    published.map(([title, schema]) => {
      const { $schema, ...document } = jsonSchemaOf(schema);
      if (inbound.has(title)) document.properties = { ...document.properties, seq };
      return [`${title}.json`, `${JSON.stringify({ $schema, title, ...document }, null, 2)}\n`];
    }),
  );
}

function jsonSchemaOf(schema: z.ZodType) {
  return z.toJSONSchema(schema, { io: 'input', metadata: wireDocs });
}
