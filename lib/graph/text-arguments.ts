import type { ApolloServerPlugin } from '@apollo/server';
import { visit, type DocumentNode } from 'graphql';
import { isStorableText, unstorableTextError } from './errors.js';

/**
 * Refuses an operation whose string arguments or variables hold U+0000 or a
 * lone surrogate, which no stored text contains and PostgreSQL refuses to
 * compare, with BAD_USER_INPUT naming the argument (`character`,
 * `filter.name`) or variable (`$c`), before any resolver passes it to SQL.
 * Every subgraph runs it (startSubgraph), so no resolver can forget it.
 */
export function refuseUnstorableText<Context extends object>(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          const argument = unstorableLiteral(document) ?? unstorableIn(request.variables ?? {}, '$');
          if (argument !== undefined) throw unstorableTextError(argument);
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
