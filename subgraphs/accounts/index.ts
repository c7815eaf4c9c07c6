import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import type { SubgraphModule } from '@lifestone/lib/graph';
import { accountsResolvers, credentialsExtension } from './resolvers.js';

/** The SDL, the source of truth for this subgraph's part of the graph. */
export const accountsSdl = readFileSync(new URL('./accounts.graphql', import.meta.url), 'utf8');

/**
 * The accounts subgraph: who is calling (`me`), signing in and out, accounts
 * and API tokens. The one subgraph anonymous callers reach (the gateway lets
 * them ask `signIn` and `me` only). Sessions it opens reach the browser as the
 * gateway's cookie (lib/graph's CREDENTIALS_EXTENSION).
 */
export function accountsSubgraph(): SubgraphModule {
  return { name: 'accounts', typeDefs: parse(accountsSdl), resolvers: accountsResolvers(), servesAnonymous: true, plugins: [credentialsExtension], textArgumentLimits: PASSWORD_LIMITS };
}

/** Passphrases may be longer than any other text argument; argon2id hashes a digest of them, so their length costs nothing. */
const PASSWORD_LIMITS = Object.fromEntries(
  ['Mutation.signIn(password:)', 'Mutation.createAccount(password:)', 'Mutation.changePassword(currentPassword:)', 'Mutation.changePassword(newPassword:)'].map((coordinate) => [coordinate, 1_024]),
);
