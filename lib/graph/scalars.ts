import { GraphQLScalarType, Kind, valueFromASTUntyped, type ValueNode } from 'graphql';
import { GraphErrorCode, graphError } from './errors.js';

/** ISO-8601 with a date, a time and a zone; seconds and fractions optional. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:[Zz]|[+-]\d{2}:\d{2})$/;

function readInstant(value: unknown): Date {
  const date = typeof value === 'string' && ISO_INSTANT.test(value) ? new Date(value) : undefined;
  if (!date || Number.isNaN(date.getTime())) {
    throw graphError(
      GraphErrorCode.BAD_USER_INPUT,
      `DateTime must be an ISO-8601 string with a time zone, such as "2024-05-01T12:00:00Z"; got ${JSON.stringify(value)}.`,
    );
  }
  return date;
}

/** `DateTime`: sent as ISO-8601 in UTC with milliseconds; read from ISO-8601 with a zone, as a `Date`. */
export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  serialize(value) {
    // Resolvers hand over Dates (from PostgreSQL) or ISO strings (from published frames).
    const date = value instanceof Date ? value : typeof value === 'string' ? new Date(value) : undefined;
    if (!date || Number.isNaN(date.getTime())) throw new TypeError(`not a DateTime: ${String(value)}`);
    return date.toISOString();
  },
  parseValue: readInstant,
  parseLiteral(ast: ValueNode) {
    return readInstant(ast.kind === Kind.STRING ? ast.value : undefined);
  },
});

/** `JSON`: any JSON value, passed through. */
export const JSONScalar = new GraphQLScalarType({
  name: 'JSON',
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: (ast, variables) => valueFromASTUntyped(ast, variables),
});

/** A DateTime argument as a `Date` (the scalar already parsed it; this narrows the generated `Date | string`). */
export function toDate(value: Date | string): Date {
  return value instanceof Date ? value : readInstant(value);
}
