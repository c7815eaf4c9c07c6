import { GraphQLScalarType, Kind } from 'graphql';
import { GraphErrorCode, graphError } from '@lifestone/lib/graph';

/** `DateTime`: sent as an ISO-8601 string in UTC with milliseconds; read from any ISO-8601 string with a zone. */
export const dateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  serialize: (value) => {
    const date = value instanceof Date ? value : new Date(value as string);
    if (Number.isNaN(date.getTime())) throw new TypeError(`DateTime cannot represent ${String(value)}`);
    return date.toISOString();
  },
  parseValue: (value) => readDateTime(value),
  parseLiteral: (node) => readDateTime(node.kind === Kind.STRING ? node.value : undefined),
});

function readDateTime(value: unknown): Date {
  const date = typeof value === 'string' && /([Zz]|[+-]\d{2}:?\d{2})$/.test(value) ? new Date(value) : undefined;
  if (!date || Number.isNaN(date.getTime())) {
    throw graphError(GraphErrorCode.BAD_USER_INPUT, `expected an ISO-8601 date and time with a zone, got ${JSON.stringify(value)}`);
  }
  return date;
}

/** `JSON`: any JSON value, passed through as is. */
export const jsonScalar = new GraphQLScalarType({
  name: 'JSON',
  serialize: (value) => value,
  parseValue: (value) => value,
});
