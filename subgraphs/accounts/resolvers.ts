import type { ApolloServerPlugin } from '@apollo/server';
import { CREDENTIALS_EXTENSION, GraphErrorCode, graphError, requireStorableText, Role, withRole, type CredentialsChange, type Identity, type SubgraphContext } from '@lifestone/lib/graph';
import { type Account, AccountExistsError, FIRST_ADMIN_NAME, apiTokenOwner, checkPassword, closeSession, createAccount, deleteAccount, issueApiToken, LastAdminError, listAccounts, listApiTokens, MIN_PASSWORD_LENGTH, openSession, passwordChangeDue, OwnerGoneError, replacePassword, resetPassword, revokeApiToken, setAccountRole } from '@lifestone/lib/auth';
import type { MutationResolvers, QueryResolvers, Resolvers } from './generated/resolvers.js';
import { claimAttempt, recordSuccess } from './throttle.js';
import { announcePluginKeyChanges, issuePluginKey, listPluginKeys, revokePluginKey, setPluginKeyCharacters, type PluginKeyRecord } from './plugin-keys.js';

/** The longest account name (the `accounts.name` check). */
const MAX_NAME_LENGTH = 64;
/** The longest character name the wire protocol accepts. */
const MAX_CHARACTER_NAME_LENGTH = 64;
/** The most characters an admin may give one plugin key. */
const MAX_KEY_CHARACTERS = 1_000;

/** What each request's mutations did to credentials, for the gateway (see {@link credentialsExtension}). */
const changes = new WeakMap<SubgraphContext, CredentialsChange>();

function recordChange(context: SubgraphContext, change: CredentialsChange): void {
  changes.set(context, { ...changes.get(context), ...change });
}

/**
 * Puts what a request did to credentials in its answer's
 * `extensions.lifestoneCredentials`: the new session's token (which the
 * gateway turns into the cookie, then strips), a cleared session, or that
 * cached lookups must go (a token revoked, a role changed, sessions ended).
 */
export const credentialsExtension: ApolloServerPlugin<SubgraphContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ contextValue, response }) {
        const change = changes.get(contextValue);
        if (!change || response.body.kind !== 'single') return;
        response.body.singleResult.extensions = { ...response.body.singleResult.extensions, [CREDENTIALS_EXTENSION]: change };
      },
    };
  },
};

/** The resolvers of accounts.graphql: accounts, sessions and API tokens, in PostgreSQL. */
export function accountsResolvers(): Resolvers {
  return {
    Role: { VIEWER: 'viewer', OPERATOR: 'operator', ADMIN: 'admin' },
    User: {
      passwordChangeDue: (user, _args, context) => (user.apiToken ? false : passwordChangeDue(context.pool, user.id)),
    },
    Query: QUERIES,
    Mutation: { ...SESSION_MUTATIONS, ...CREDENTIAL_MUTATIONS, ...ACCOUNT_MUTATIONS },
  };
}

/** Who is calling, and what an admin lists. */
const QUERIES: QueryResolvers = {
  me: (_root, _args, context) => (context.identity.kind === 'anonymous' ? null : userOf(context.identity)),
  apiTokens: withRole(Role.admin, async (_root, _args, context) => {
    return (await listApiTokens(context.pool)).map((token) => ({
      ...token,
      createdAt: token.createdAt.toISOString(),
      lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
      revokedAt: token.revokedAt?.toISOString() ?? null,
    }));
  }),
  accounts: withRole(Role.admin, async (_root, _args, context) => {
    return (await listAccounts(context.pool, context.now())).map(accountOf);
  }),
  pluginKeys: withRole(Role.admin, async (_root, _args, context) => {
    return (await listPluginKeys(context.pool)).map(pluginKeyOf);
  }),
};

/** Signing in and out, and changing one's own password. */
const SESSION_MUTATIONS: MutationResolvers = {
  signIn: async (_root, args, context) => {
    requireStorableText(args.username, 'username');
    // No account has a longer name, and a long one would not fit the throttle's index.
    if (args.username.length > MAX_NAME_LENGTH) {
      throw graphError(GraphErrorCode.BAD_USER_INPUT, `An account name has 1 to ${MAX_NAME_LENGTH} characters.`, { argument: 'username' });
    }
    const { pool } = context;
    const address = clientAddress(context);
    await claimAttempt(pool, args.username, address, context.now());
    const account = await checkPassword(pool, args.username, args.password);
    if (!account) throw graphError(GraphErrorCode.UNAUTHENTICATED, 'Wrong name or password.');
    await recordSuccess(pool, args.username, address);
    const session = await openSession(pool, account.id, context.now());
    recordChange(context, { session: { token: session.token, expiresAt: session.expiresAt.toISOString() } });
    return userOf({ kind: 'user', ...account });
  },
  signOut: async (_root, _args, context) => {
    recordChange(context, { session: null });
    if (context.identity.kind === 'anonymous' || !context.identity.session) return false;
    await closeSession(context.pool, context.identity.session);
    recordChange(context, { revoked: true });
    return true;
  },
  changePassword: async (_root, args, context) => {
    const { identity } = caller(context);
    if (identity.kind !== 'user') {
      throw graphError(GraphErrorCode.FORBIDDEN, 'changePassword changes a signed-in person\'s password; an API token has none (revoke it and create another instead).');
    }
    requirePassword(args.newPassword, 'newPassword');
    // A stolen session must not become a way to guess the password faster than signIn allows.
    const { pool } = context;
    const address = clientAddress(context);
    await claimAttempt(pool, identity.name, address, context.now());
    const account = await checkPassword(pool, identity.name, args.currentPassword);
    if (!account) throw graphError(GraphErrorCode.BAD_USER_INPUT, 'The current password is wrong.', { field: 'currentPassword' });
    await recordSuccess(pool, identity.name, address);
    if (args.newPassword === args.currentPassword) {
      throw graphError(GraphErrorCode.BAD_USER_INPUT, 'The new password is the current one: choose another.', { field: 'newPassword' });
    }
    const wasGenerated = account.name === FIRST_ADMIN_NAME && (await passwordChangeDue(pool, account.id));
    await replacePassword(pool, account.id, args.newPassword, identity.session);
    // The generated password is no longer anyone's: the gateway deletes the file that kept it.
    recordChange(context, { revoked: true, ...(wasGenerated ? { firstAdminPasswordReplaced: true } : {}) });
    return true;
  },
};

/** API tokens and plugin keys, admins only. */
const CREDENTIAL_MUTATIONS: MutationResolvers = {
  createApiToken: withRole(Role.admin, async (_root, args, context) => {
    const { identity } = caller(context);
    const name = args.name.trim();
    requireStorableText(name, 'name');
    if (name.length < 1 || name.length > 100) throw graphError(GraphErrorCode.BAD_USER_INPUT, 'A token name has 1 to 100 characters.', { field: 'name' });
    // A token issues tokens in its owner's name, so that they are bounded and revoked with that account too.
    const owner = identity.kind === 'user' ? identity.id : await apiTokenOwner(context.pool, identity.id);
    if (owner === undefined) throw ownerGone();
    try {
      return await issueApiToken(context.pool, { name, role: args.role, createdBy: owner }, context.now());
    } catch (error) {
      throw error instanceof OwnerGoneError ? ownerGone() : error;
    }
  }),
  revokeApiToken: withRole(Role.admin, async (_root, args, context) => {
    const revoked = await revokeApiToken(context.pool, args.id, context.now());
    recordChange(context, { revoked: true });
    return revoked;
  }),
  createPluginKey: withRole(Role.admin, async (_root, args, context) => {
    const { identity } = caller(context);
    const name = args.name.trim();
    requireStorableText(name, 'name');
    if (name.length < 1 || name.length > 100) throw graphError(GraphErrorCode.BAD_USER_INPUT, 'A plugin key name has 1 to 100 characters.', { field: 'name' });
    const characters = args.characters == null ? null : characterList(args.characters);
    const { key, changedKeys } = await issuePluginKey(context.pool, { name, characters, createdBy: identity.name }, context.now());
    await announcePluginKeyChanges(context.pubsub, context.log, changedKeys);
    return { pluginKey: pluginKeyOf(key), key: key.key };
  }),
  setPluginKeyCharacters: withRole(Role.admin, async (_root, args, context) => {
    const set = await setPluginKeyCharacters(context.pool, args.id, characterList(args.characters), context.now());
    if (!set) throw graphError(GraphErrorCode.NOT_FOUND, 'There is no plugin key with this id that works (it may have been revoked).', { argument: 'id' });
    await announcePluginKeyChanges(context.pubsub, context.log, set.changedKeys);
    return pluginKeyOf(set.key);
  }),
  revokePluginKey: withRole(Role.admin, async (_root, args, context) => {
    const revoked = await revokePluginKey(context.pool, args.id, context.now());
    if (revoked) await announcePluginKeyChanges(context.pubsub, context.log, [args.id]);
    return revoked;
  }),
};

/** Accounts and their roles and passwords, admins only. */
const ACCOUNT_MUTATIONS: MutationResolvers = {
  createAccount: withRole(Role.admin, async (_root, args, context) => {
    const name = args.name.trim();
    requireStorableText(name, 'name');
    if (name.length < 1 || name.length > MAX_NAME_LENGTH) throw graphError(GraphErrorCode.BAD_USER_INPUT, `An account name has 1 to ${MAX_NAME_LENGTH} characters.`, { field: 'name' });
    requirePassword(args.password, 'password');
    try {
      const account = await createAccount(context.pool, { name, password: args.password, role: args.role });
      return userOf({ kind: 'user', ...account });
    } catch (error) {
      if (error instanceof AccountExistsError) throw graphError(GraphErrorCode.BAD_USER_INPUT, `An account named ${JSON.stringify(name)} already exists.`, { field: 'name' });
      throw error;
    }
  }),
  setAccountRole: withRole(Role.admin, async (_root, args, context) => {
    requireStorableText(args.name, 'name');
    const account = await lastAdminGuarded(() => setAccountRole(context.pool, args.name, args.role), args.name);
    if (!account) throw noSuchAccount(args.name);
    recordChange(context, { revoked: true });
    return listedAccount(context, account.id, args.name);
  }),
  resetPassword: withRole(Role.admin, async (_root, args, context) => {
    requireStorableText(args.name, 'name');
    const reset = await resetPassword(context.pool, args.name, context.identity.session);
    if (!reset) throw noSuchAccount(args.name);
    recordChange(context, { revoked: true });
    return { account: await listedAccount(context, reset.account.id, args.name), password: reset.password };
  }),
  deleteAccount: withRole(Role.admin, async (_root, args, context) => {
    requireStorableText(args.name, 'name');
    const deleted = await lastAdminGuarded(() => deleteAccount(context.pool, args.name, context.now()), args.name);
    recordChange(context, { revoked: true });
    return deleted;
  }),
};

/** Character names as given, once each; BAD_USER_INPUT for a name the wire protocol would refuse, or too many. */
function characterList(names: readonly string[]): string[] {
  const unique = [...new Set(names)];
  if (unique.length > MAX_KEY_CHARACTERS) throw graphError(GraphErrorCode.BAD_USER_INPUT, `A plugin key holds at most ${MAX_KEY_CHARACTERS} characters.`, { argument: 'characters' });
  for (const name of unique) {
    requireStorableText(name, 'characters');
    if (name.length < 1 || name.length > MAX_CHARACTER_NAME_LENGTH) {
      throw graphError(GraphErrorCode.BAD_USER_INPUT, `A character name has 1 to ${MAX_CHARACTER_NAME_LENGTH} characters; ${JSON.stringify(name.slice(0, 80))} does not.`, { argument: 'characters' });
    }
  }
  return unique;
}

function pluginKeyOf(key: PluginKeyRecord) {
  return { ...key, createdAt: key.createdAt.toISOString(), lastUsedAt: key.lastUsedAt?.toISOString() ?? null, revokedAt: key.revokedAt?.toISOString() ?? null };
}

/** BAD_USER_INPUT for a password too short to keep, naming the argument. */
function requirePassword(password: string, argument: string): void {
  requireStorableText(password, argument);
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw graphError(GraphErrorCode.BAD_USER_INPUT, `A password has at least ${MIN_PASSWORD_LENGTH} characters.`, { field: argument });
  }
}

/** UNAUTHENTICATED for a caller whose account was deleted while its credentials were still cached. */
function ownerGone() {
  return graphError(GraphErrorCode.UNAUTHENTICATED, 'The account these credentials belong to was deleted: sign in as another account.');
}

function noSuchAccount(name: string) {
  return graphError(GraphErrorCode.NOT_FOUND, `There is no account named ${JSON.stringify(name)}.`, { field: 'name' });
}

/** Runs an account change, turning {@link LastAdminError} into BAD_USER_INPUT that says what to do first. */
async function lastAdminGuarded<T>(change: () => Promise<T>, name: string): Promise<T> {
  try {
    return await change();
  } catch (error) {
    if (error instanceof LastAdminError) {
      throw graphError(GraphErrorCode.BAD_USER_INPUT, `${JSON.stringify(name)} is the last admin: make another account admin first.`, { field: 'name' });
    }
    throw error;
  }
}

function accountOf(account: Account & { createdAt: Date; sessions: number }) {
  return { ...account, createdAt: account.createdAt.toISOString() };
}

/** The account with id `id` as admins see it, just changed; NOT_FOUND when it was deleted meanwhile. */
async function listedAccount(context: SubgraphContext, id: string, name: string) {
  const [account] = await listAccounts(context.pool, context.now(), id);
  if (!account) throw noSuchAccount(name);
  return accountOf(account);
}

function userOf(identity: Identity) {
  // `passwordChangeDue` is read only when asked for (User.passwordChangeDue): false here for an API token, which has no password.
  return { id: identity.id, name: identity.name, role: identity.role, apiToken: identity.kind === 'token', passwordChangeDue: false };
}

/** The caller's identity; the gateway stops anonymous callers before execution, so this is a guard, not a path. */
function caller(context: SubgraphContext): { identity: Identity } {
  if (context.identity.kind === 'anonymous') throw graphError(GraphErrorCode.UNAUTHENTICATED, 'Sign in first.');
  return { identity: context.identity };
}

/** Where the caller connects from, as the gateway saw it (behind its trusted proxies). */
function clientAddress(context: SubgraphContext): string {
  return context.identity.address ?? 'unknown';
}
