import type { ApolloServerPlugin } from '@apollo/server';
import {
  getNullableType,
  isInputObjectType,
  isListType,
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLError,
  type GraphQLInputType,
  type GraphQLSchema,
  type ValueNode,
} from 'graphql';
import { isStorableText, textTooLongError, unstorableTextError } from './errors.js';

/**
 * Most characters (UTF-16 code units) any text argument or input field
 * takes, unless its subgraph sets another limit for it: far more than any
 * name, search or cursor needs, and little enough that no argument can make
 * PostgreSQL work long (a 1 MB `characters(search:)` took 12 s over 1,800
 * names; 256 characters take 3 ms).
 */
export const DEFAULT_TEXT_ARGUMENT_LIMIT = 256;

/**
 * A subgraph's own limits for text arguments that need more (or less) than
 * {@link DEFAULT_TEXT_ARGUMENT_LIMIT}, by schema coordinate:
 * `Subscription.ask(question:)` for an argument, `ItemFilter.text` for an
 * input field, `@defer(label:)` for a directive's.
 */
export type TextArgumentLimits = Readonly<Record<string, number>>;

/**
 * Why an operation's text may not reach a resolver: a string argument or
 * variable holding U+0000 or a lone surrogate (which no stored text
 * contains and PostgreSQL refuses to compare), or one longer than its
 * limit. BAD_USER_INPUT naming the argument (`character`, `filter.name`)
 * or variable (`$c`), with `reason` UNSTORABLE_TEXT or TEXT_TOO_LONG;
 * undefined when the text is fine.
 */
export function textArgumentRefusal(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Readonly<Record<string, unknown>> | null | undefined,
  limits: TextArgumentLimits = {},
): GraphQLError | undefined {
  const unstorable = unstorableLiteral(document) ?? unstorableIn(variables ?? {}, '$');
  if (unstorable !== undefined) return unstorableTextError(unstorable);
  for (const site of argumentSites(schema, document)) {
    const refusal = longText(site.value, site.type, site.coordinate, site.path, variables ?? {}, limits);
    if (refusal) return refusal;
  }
  return undefined;
}

/**
 * Refuses an operation {@link textArgumentRefusal} refuses, before any
 * resolver passes its text to SQL. Every subgraph runs it over HTTP and
 * for every graphql-ws subscription (startSubgraph), so no resolver can
 * forget it.
 */
export function refuseUnusableText<Context extends object>(limits: TextArgumentLimits = {}): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema }) {
          const refusal = textArgumentRefusal(schema, document, request.variables, limits);
          if (refusal) throw refusal;
        },
      };
    },
  };
}

/** Per parsed document (Apollo caches them): the argument whose literal is unstorable, or null. */
const literals = new WeakMap<DocumentNode, string | null>();

function unstorableLiteral(document: DocumentNode): string | undefined {
  let found = literals.get(document);
  if (found === undefined) {
    found = null;
    const names: string[] = [];
    const enterName = { enter: (node: { name: { value: string } }) => void names.push(node.name.value), leave: () => void names.pop() };
    visit(document, {
      Argument: enterName,
      ObjectField: enterName,
      StringValue: (node) => {
        if (found === null && !isStorableText(node.value)) found = names.join('.');
      },
    });
    literals.set(document, found);
  }
  return found ?? undefined;
}

/** The first variable, or field of one, whose text is unstorable, as `$name.field`. */
function unstorableIn(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') return isStorableText(value) ? undefined : path;
  if (typeof value !== 'object' || value === null) return undefined;
  for (const [key, inner] of Object.entries(value)) {
    const found = unstorableIn(inner, Array.isArray(value) ? `${path}[${key}]` : path === '$' ? `$${key}` : `${path}.${key}`);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** An argument as written in an operation: its value (a literal or a variable), its type and its schema coordinate. */
interface ArgumentSite {
  value: ValueNode;
  type: GraphQLInputType;
  coordinate: string;
  path: string;
}

/** Per parsed document: every argument it gives a field or directive that the schema knows. */
const sites = new WeakMap<DocumentNode, { schema: GraphQLSchema; sites: ArgumentSite[] }>();

function argumentSites(schema: GraphQLSchema, document: DocumentNode): ArgumentSite[] {
  const known = sites.get(document);
  if (known?.schema === schema) return known.sites;
  const found: ArgumentSite[] = [];
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Argument(node) {
        const argument = typeInfo.getArgument();
        const directive = typeInfo.getDirective();
        const field = typeInfo.getFieldDef();
        const parent = typeInfo.getParentType();
        if (!argument) return;
        const owner = directive ? `@${directive.name}` : field && parent ? `${parent.name}.${field.name}` : undefined;
        if (owner) found.push({ value: node.value, type: argument.type, coordinate: `${owner}(${argument.name}:)`, path: argument.name });
      },
    }),
  );
  sites.set(document, { schema, sites: found });
  return found;
}

/** The first text in `value` (a literal, or a variable's value) longer than its coordinate's limit, as a refusal. */
function longText(value: ValueNode, type: GraphQLInputType, coordinate: string, path: string, variables: Readonly<Record<string, unknown>>, limits: TextArgumentLimits): GraphQLError | undefined {
  const nullable = getNullableType(type);
  switch (value.kind) {
    case Kind.VARIABLE:
      return longTextIn(variables[value.name.value], type, coordinate, path, limits);
    case Kind.STRING:
      return lengthRefusal(value.value, coordinate, path, limits);
    case Kind.LIST: {
      const item = isListType(nullable) ? (nullable.ofType as GraphQLInputType) : type;
      for (const [index, inner] of value.values.entries()) {
        const refusal = longText(inner, item, coordinate, `${path}[${index}]`, variables, limits);
        if (refusal) return refusal;
      }
      return undefined;
    }
    case Kind.OBJECT: {
      if (!isInputObjectType(nullable)) return undefined;
      const fields = nullable.getFields();
      for (const inner of value.fields) {
        const field = fields[inner.name.value];
        const refusal = field && longText(inner.value, field.type, `${nullable.name}.${field.name}`, `${path}.${field.name}`, variables, limits);
        if (refusal) return refusal;
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

/** {@link longText} for a variable's JSON value. */
function longTextIn(value: unknown, type: GraphQLInputType, coordinate: string, path: string, limits: TextArgumentLimits): GraphQLError | undefined {
  if (typeof value === 'string') return lengthRefusal(value, coordinate, path, limits);
  if (typeof value !== 'object' || value === null) return undefined;
  const nullable = getNullableType(type);
  if (Array.isArray(value)) {
    const item = isListType(nullable) ? (nullable.ofType as GraphQLInputType) : type;
    for (const [index, inner] of value.entries()) {
      const refusal = longTextIn(inner, item, coordinate, `${path}[${index}]`, limits);
      if (refusal) return refusal;
    }
    return undefined;
  }
  if (!isInputObjectType(nullable)) return undefined;
  const fields = nullable.getFields();
  for (const [key, inner] of Object.entries(value)) {
    const field = fields[key];
    const refusal = field && longTextIn(inner, field.type, `${nullable.name}.${field.name}`, `${path}.${field.name}`, limits);
    if (refusal) return refusal;
  }
  return undefined;
}

function lengthRefusal(text: string, coordinate: string, path: string, limits: TextArgumentLimits): GraphQLError | undefined {
  const limit = limits[coordinate] ?? DEFAULT_TEXT_ARGUMENT_LIMIT;
  return text.length > limit ? textTooLongError(path, text.length, limit) : undefined;
}
