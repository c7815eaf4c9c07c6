import type pg from 'pg';
import { GraphErrorCode, graphError, requireRole, requireStorableText, type Identity, type Role } from '@lifestone/lib/graph';
import type { CallerContext } from '../context.js';
import { AccountExistsError, checkPassword, createAccount } from './accounts.js';
import type { Authenticator } from './authenticate.js';
import { clearedSessionCookie, sealSession, sessionCookie, type ResponseCookies } from './cookies.js';
import { closeSession, openSession } from './sessions.js';
import { claimAttempt, recordSuccess } from './throttle.js';
import { issueApiToken, listApiTokens, revokeApiToken } from './tokens.js';
import { MAP_IMAGE_PATH } from '../dashboard.js';

/**
 * The operations the gateway serves itself, merged into the supergraph
 * beside the subgraphs' (Hive Gateway's `additionalTypeDefs`). `Mutation`
 * exists already: telemetry's `sendCommand`.
 */
export const authTypeDefs = /* GraphQL */ `
  """What a caller may do: viewers read, operators also send commands to plugins, admins also manage accounts and API tokens."""
  enum Role {
    """Reads everything."""
    VIEWER
    """Reads everything and sends commands to plugins."""
    OPERATOR
    """Does everything, including managing accounts and API tokens."""
    ADMIN
  }

  """Who is calling: a signed-in person, or the API token a machine uses."""
  type User {
    """The account's id, or the API token's."""
    id: ID!
    """The account's name, or the API token's."""
    name: String!
    """What this caller may do."""
    role: Role!
    """True when the caller authenticated with an API token rather than a session."""
    apiToken: Boolean!
  }

  """A freshly created API token. \`token\` is shown here only, once: store it now."""
  type NewApiToken {
    """The token's id, to revoke it later."""
    id: ID!
    """The name it was given (who or what uses it)."""
    name: String!
    """What it may do."""
    role: Role!
    """The secret itself, \`ls_\` and 43 characters: send it as \`Authorization: Bearer <token>\`."""
    token: String!
  }

  """An API token as admins see it after creation: never the secret itself."""
  type ApiToken {
    """The token's id."""
    id: ID!
    """The name it was given."""
    name: String!
    """What it may do."""
    role: Role!
    """The account that created it; null once that account is gone."""
    createdBy: String
    """When it was created, ISO-8601 UTC."""
    createdAt: String!
    """When a request last used it (to within a few seconds), ISO-8601 UTC; null when never used."""
    lastUsedAt: String
    """When it was revoked, ISO-8601 UTC; null while it works."""
    revokedAt: String
  }

  extend type Query {
    """The caller: the signed-in account, or the API token in use; null when not signed in (asked without credentials, answered, not refused)."""
    me: User
    """Where the operator's map image is served (\`/map/image\`), or null when none is configured (\`LIFESTONE_MAP_IMAGE\`): the dashboard fetches it only when set."""
    mapImage: String
    """Every API token, newest first. Admins only."""
    apiTokens: [ApiToken!]!
  }

  extend type Mutation {
    """
    Signs in with an account's name and password and sets the session cookie (\`lifestone_session\`, httpOnly).
    The only operation anonymous callers may run. Over HTTP only: a WebSocket cannot receive the cookie.
    """
    signIn(username: String!, password: String!): User!
    """Ends the caller's session and clears the cookie; false when there was no session to end."""
    signOut: Boolean!
    """Creates an API token for a bot, a script or the assistant. Admins only. The token is shown once."""
    createApiToken(name: String!, role: Role!): NewApiToken!
    """Revokes an API token at once; false when there is no such token or it was already revoked. Admins only."""
    revokeApiToken(id: ID!): Boolean!
    """Creates an account that signs in with \`name\` and \`password\` (8 characters or more). Admins only."""
    createAccount(name: String!, password: String!, role: Role!): User!
  }
`;

/** What the auth resolvers need. */
export interface AuthOperationsOptions {
  pool: pg.Pool;
  authenticator: Authenticator;
  sessionSecret: string;
  now: () => Date;
  /** Where the session cookie is queued for the response. */
  cookies: ResponseCookies;
  /** Proxies in front of the gateway whose `X-Forwarded-For` entries are believed (`LIFESTONE_TRUSTED_PROXIES`). @default 0 */
  trustedProxies?: number;
  /** Whether an operator's map image is served at `/map/image` now (it is looked for at each ask). @default none */
  mapImageServed?: () => Promise<boolean>;
}

const MIN_PASSWORD_LENGTH = 8;
/** The longest account name (the `accounts.name` check). */
const MAX_NAME_LENGTH = 64;

/** The resolvers of {@link authTypeDefs}. */
export function authResolvers(options: AuthOperationsOptions) {
  const { pool, authenticator, sessionSecret, now, cookies, trustedProxies = 0, mapImageServed = async () => false } = options;
  const clientAddress = (context: CallerContext): string => addressOf(context, trustedProxies);
  return {
    Role: { VIEWER: 'viewer', OPERATOR: 'operator', ADMIN: 'admin' } satisfies Record<string, Role>,
    Query: {
      me: (_root: unknown, _args: unknown, context: CallerContext) => (context.identity ? userOf(context.identity) : null),
      mapImage: async () => ((await mapImageServed()) ? MAP_IMAGE_PATH : null),
      apiTokens: async (_root: unknown, _args: unknown, context: CallerContext) => {
        requireRole(caller(context), 'admin', 'apiTokens');
        return (await listApiTokens(pool)).map((token) => ({
          ...token,
          createdAt: token.createdAt.toISOString(),
          lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
          revokedAt: token.revokedAt?.toISOString() ?? null,
        }));
      },
    },
    Mutation: {
      signIn: async (_root: unknown, args: { username: string; password: string }, context: CallerContext) => {
        overHttp(context, 'signIn');
        requireStorableText(args.username, 'username');
        // No account has a longer name, and a long one would not fit the throttle's index.
        if (args.username.length > MAX_NAME_LENGTH) {
          throw graphError(GraphErrorCode.BAD_USER_INPUT, `An account name has 1 to ${MAX_NAME_LENGTH} characters.`, { argument: 'username' });
        }
        const address = clientAddress(context);
        await claimAttempt(pool, args.username, address, now());
        const account = await checkPassword(pool, args.username, args.password);
        if (!account) throw graphError(GraphErrorCode.UNAUTHENTICATED, 'Wrong name or password.');
        await recordSuccess(pool, args.username, address);
        const session = await openSession(pool, account.id, now());
        cookies.add(context.request, sessionCookie(sealSession(session.token, sessionSecret), session.expiresAt, isHttps(context.request)));
        return userOf({ kind: 'user', ...account });
      },
      signOut: async (_root: unknown, _args: unknown, context: CallerContext) => {
        overHttp(context, 'signOut');
        cookies.add(context.request, clearedSessionCookie(isHttps(context.request)));
        if (!context.session) return false;
        await closeSession(pool, context.session);
        authenticator.forget();
        return true;
      },
      createApiToken: async (_root: unknown, args: { name: string; role: Role }, context: CallerContext) => {
        const { identity } = caller(context);
        requireRole({ identity }, 'admin', 'createApiToken');
        const name = args.name.trim();
        requireStorableText(name, 'name');
        if (name.length < 1 || name.length > 100) throw graphError(GraphErrorCode.BAD_USER_INPUT, 'A token name has 1 to 100 characters.', { field: 'name' });
        return issueApiToken(pool, { name, role: args.role, createdBy: identity.kind === 'user' ? identity.id : null }, now());
      },
      revokeApiToken: async (_root: unknown, args: { id: string }, context: CallerContext) => {
        requireRole(caller(context), 'admin', 'revokeApiToken');
        const revoked = await revokeApiToken(pool, args.id, now());
        authenticator.forget();
        return revoked;
      },
      createAccount: async (_root: unknown, args: { name: string; password: string; role: Role }, context: CallerContext) => {
        requireRole(caller(context), 'admin', 'createAccount');
        const name = args.name.trim();
        requireStorableText(name, 'name');
        if (name.length < 1 || name.length > MAX_NAME_LENGTH) throw graphError(GraphErrorCode.BAD_USER_INPUT, `An account name has 1 to ${MAX_NAME_LENGTH} characters.`, { field: 'name' });
        if (args.password.length < MIN_PASSWORD_LENGTH) {
          throw graphError(GraphErrorCode.BAD_USER_INPUT, `A password has at least ${MIN_PASSWORD_LENGTH} characters.`, { field: 'password' });
        }
        try {
          const account = await createAccount(pool, { name, password: args.password, role: args.role });
          return userOf({ kind: 'user', ...account });
        } catch (error) {
          if (error instanceof AccountExistsError) throw graphError(GraphErrorCode.BAD_USER_INPUT, `An account named ${JSON.stringify(name)} already exists.`, { field: 'name' });
          throw error;
        }
      },
    },
  };
}

function userOf(identity: Identity) {
  return { id: identity.id, name: identity.name, role: identity.role, apiToken: identity.kind === 'token' };
}

/** The caller's identity; anonymous callers are stopped before execution, so this is a guard, not a path. */
function caller(context: CallerContext): { identity: Identity } {
  if (!context.identity) throw graphError(GraphErrorCode.UNAUTHENTICATED, 'Sign in first.');
  return { identity: context.identity };
}

function overHttp(context: CallerContext, operation: string): void {
  if (context.webSocket) throw graphError(GraphErrorCode.BAD_REQUEST, `${operation} sets a cookie: send it over HTTP, not over a WebSocket.`);
}

/**
 * Where the caller connects from: the socket's peer, or behind `trustedProxies`
 * proxies the `X-Forwarded-For` entry the first of them added (entries left
 * of it are whatever the client claimed).
 */
function addressOf(context: CallerContext, trustedProxies: number): string {
  const peer = context.req?.socket.remoteAddress ?? 'unknown';
  if (trustedProxies === 0) return peer;
  const forwarded = (context.request.headers.get('x-forwarded-for') ?? '').split(',').map((entry) => entry.trim()).filter(Boolean);
  return forwarded[forwarded.length - trustedProxies] ?? peer;
}

function isHttps(request: Request): boolean {
  return new URL(request.url).protocol === 'https:' || request.headers.get('x-forwarded-proto') === 'https';
}
