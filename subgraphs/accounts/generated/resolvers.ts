import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { SubgraphContext } from '@lifestone/lib/graph';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** A selection of fields, as a string: `"name"`, `"id owner { name }"`. */
  FieldSet: { input: unknown; output: unknown; }
  link__Import: { input: unknown; output: unknown; }
};

/** An account as admins see it: never its password. */
export type Account = {
  __typename?: 'Account';
  /** When it was created, ISO-8601 UTC. */
  createdAt: Scalars['String']['output'];
  /** The account's id. */
  id: Scalars['ID']['output'];
  /** The name it signs in with. */
  name: Scalars['String']['output'];
  /** What it may do. */
  role: Role;
  /** Its sessions that have not expired: browsers signed in as this account. */
  sessions: Scalars['Int']['output'];
};

/** An API token as admins see it after creation: never the secret itself. */
export type ApiToken = {
  __typename?: 'ApiToken';
  /** When it was created, ISO-8601 UTC. */
  createdAt: Scalars['String']['output'];
  /**
   * The account that created it, its owner, whose role bounds it and whose deletion revokes it: the name stays after that.
   * Null for a token issued outside the graph (npm start's own clients, scripts), bounded by its own role alone.
   */
  createdBy?: Maybe<Scalars['String']['output']>;
  /** The token's id. */
  id: Scalars['ID']['output'];
  /** When a request last used it (to within a few seconds), ISO-8601 UTC; null when never used. */
  lastUsedAt?: Maybe<Scalars['String']['output']>;
  /** The name it was given. */
  name: Scalars['String']['output'];
  /** When it was revoked, ISO-8601 UTC; null while it works. */
  revokedAt?: Maybe<Scalars['String']['output']>;
  /** What it may do at most: a token acts with the lesser of this and its owner's role at the time of each request. */
  role: Role;
};

export type Mutation = {
  __typename?: 'Mutation';
  /**
   * Changes the signed-in caller's own password: `currentPassword` must be the password now, `newPassword` has 8 characters or more.
   * Ends the account's other sessions; this one stays signed in. Not for API tokens, which have no password.
   */
  changePassword: Scalars['Boolean']['output'];
  /** Creates an account that signs in with `name` and `password` (8 characters or more). Admins only. */
  createAccount: User;
  /**
   * Creates an API token for a bot, a script or the assistant. Admins only. The token is shown once.
   * Its owner is the caller's account (an API token's owner, when a token calls): the token never does more than that account may, and is revoked when it is deleted.
   */
  createApiToken: NewApiToken;
  /**
   * Issues a plugin key, shown once. With `characters` (up to 1,000 names) it holds exactly those, taken from any key that held them;
   * without, it holds each character its plugin first reports that no other key holds (up to 1,000). Admins only.
   */
  createPluginKey: NewPluginKey;
  /** Removes the account named `name`, ends its sessions and revokes the API tokens it owns. False when there is no such account. Admins only; the last admin cannot be removed. */
  deleteAccount: Scalars['Boolean']['output'];
  /**
   * Gives the account named `name` a generated password, shown once, and ends its sessions (the caller's own stays when it is the caller's account).
   * Admins only. At the console, without signing in: `npm run admin -- reset-password <name>`.
   */
  resetPassword: PasswordReset;
  /** Revokes an API token at once; false when there is no such token or it was already revoked. Admins only. */
  revokeApiToken: Scalars['Boolean']['output'];
  /** Revokes a plugin key: its plugins' connections are closed (code 4403) within seconds, and its characters are free for another key. False when there is no such key or it was already revoked. Admins only. */
  revokePluginKey: Scalars['Boolean']['output'];
  /** Gives the account named `name` another role. Admins only; the last admin cannot be demoted. */
  setAccountRole: Account;
  /**
   * Gives the plugin key `id` exactly `characters` (up to 1,000 names; an empty list holds none), taken from any key that held them,
   * and stops it binding more on first report. Ingest applies it within seconds. Admins only.
   */
  setPluginKeyCharacters: PluginKey;
  /**
   * Signs in with an account's name and password and sets the session cookie (`lifestone_session`, httpOnly).
   * With `me`, the only field anonymous callers may ask. Over HTTP only: a WebSocket cannot receive the cookie.
   */
  signIn: User;
  /** Ends the caller's session and clears the cookie; false when there was no session to end. */
  signOut: Scalars['Boolean']['output'];
};


export type MutationChangePasswordArgs = {
  currentPassword: Scalars['String']['input'];
  newPassword: Scalars['String']['input'];
};


export type MutationCreateAccountArgs = {
  name: Scalars['String']['input'];
  password: Scalars['String']['input'];
  role: Role;
};


export type MutationCreateApiTokenArgs = {
  name: Scalars['String']['input'];
  role: Role;
};


export type MutationCreatePluginKeyArgs = {
  characters?: InputMaybe<Array<Scalars['String']['input']>>;
  name: Scalars['String']['input'];
};


export type MutationDeleteAccountArgs = {
  name: Scalars['String']['input'];
};


export type MutationResetPasswordArgs = {
  name: Scalars['String']['input'];
};


export type MutationRevokeApiTokenArgs = {
  id: Scalars['ID']['input'];
};


export type MutationRevokePluginKeyArgs = {
  id: Scalars['ID']['input'];
};


export type MutationSetAccountRoleArgs = {
  name: Scalars['String']['input'];
  role: Role;
};


export type MutationSetPluginKeyCharactersArgs = {
  characters: Array<Scalars['String']['input']>;
  id: Scalars['ID']['input'];
};


export type MutationSignInArgs = {
  password: Scalars['String']['input'];
  username: Scalars['String']['input'];
};

/** A freshly created API token. `token` is shown here only, once: store it now. */
export type NewApiToken = {
  __typename?: 'NewApiToken';
  /** The token's id, to revoke it later. */
  id: Scalars['ID']['output'];
  /** The name it was given (who or what uses it). */
  name: Scalars['String']['output'];
  /** What it may do. */
  role: Role;
  /** The secret itself, `ls_` and 43 characters: send it as `Authorization: Bearer <token>`. */
  token: Scalars['String']['output'];
};

/** A freshly issued plugin key. `key` is shown here only, once: give it to the plugin now. */
export type NewPluginKey = {
  __typename?: 'NewPluginKey';
  /** The key itself, `lsp_` and 43 characters: the plugin sends it in the `X-Plugin-Key` header (or `?key=`) when it connects to ingest. */
  key: Scalars['String']['output'];
  /** The key as admins see it from now on. */
  pluginKey: PluginKey;
};

/** A password `resetPassword` generated. `password` is shown here only, once: give it to the account's owner now. */
export type PasswordReset = {
  __typename?: 'PasswordReset';
  /** The account, its sessions ended (all but the caller's own, when admins reset their own password). */
  account: Account;
  /** The new password, 24 characters. */
  password: Scalars['String']['output'];
};

/**
 * A game-client plugin's identity: ingest takes frames from a plugin with this key only for the characters the key holds.
 * As admins see it after issue: never the key itself.
 */
export type PluginKey = {
  __typename?: 'PluginKey';
  /** The characters it holds, by name: a frame for any other character from a plugin with this key is refused (`CHARACTER_NOT_HELD`). Empty once revoked. */
  characters: Array<Scalars['String']['output']>;
  /** True when an admin set its characters: it holds those and binds no more. False: it also binds each character its plugin first reports that no other key holds. */
  charactersFixed: Scalars['Boolean']['output'];
  /** When it was issued, ISO-8601 UTC. */
  createdAt: Scalars['String']['output'];
  /** The account (or API token) that issued it, by its name then. */
  createdBy: Scalars['String']['output'];
  /** The key's id. */
  id: Scalars['ID']['output'];
  /** When a plugin last connected with it or was connected (to within a few seconds), ISO-8601 UTC; null when never used. */
  lastUsedAt?: Maybe<Scalars['String']['output']>;
  /** The name it was given (whose plugin, which machine). */
  name: Scalars['String']['output'];
  /** When it was revoked, ISO-8601 UTC; null while it works. Its plugins' connections are closed (code 4403) within seconds of revocation. */
  revokedAt?: Maybe<Scalars['String']['output']>;
};

export type Query = {
  __typename?: 'Query';
  /** Every account, by name. Admins only. */
  accounts: Array<Account>;
  /** Every API token, newest first. Admins only. */
  apiTokens: Array<ApiToken>;
  /** The caller: the signed-in account, or the API token in use; null when not signed in (asked without credentials, answered, not refused). */
  me?: Maybe<User>;
  /** Every plugin key, newest first, with the characters each holds. Admins only. */
  pluginKeys: Array<PluginKey>;
};

/** What a caller may do: viewers read, operators also send commands to plugins, admins also manage accounts and API tokens. */
export type Role =
  /** Does everything, including managing accounts and API tokens. */
  | 'admin'
  /** Reads everything and sends commands to plugins. */
  | 'operator'
  /** Reads everything. */
  | 'viewer';

/** Who is calling: a signed-in person, or the API token a machine uses. */
export type User = {
  __typename?: 'User';
  /** True when the caller authenticated with an API token rather than a session. */
  apiToken: Scalars['Boolean']['output'];
  /** The account's id, or the API token's. */
  id: Scalars['ID']['output'];
  /** The account's name, or the API token's. */
  name: Scalars['String']['output'];
  /**
   * True while the account's password is one generated for it (the first admin's, printed at the first start and kept in
   * the data folder): the dashboard asks to choose another at sign-in. `changePassword` clears it (and, under `npm start`,
   * deletes the file that held it). Always false for an API token.
   */
  passwordChangeDue: Scalars['Boolean']['output'];
  /** What this caller may do; for an API token, the lesser of its own role and its owner's. */
  role: Role;
};

export type Link__Purpose =
  /** `EXECUTION` features provide metadata necessary for operation execution. */
  | 'EXECUTION'
  /** `SECURITY` features provide metadata necessary to securely resolve fields. */
  | 'SECURITY';

export type WithIndex<TObject> = TObject & Record<string, any>;
export type ResolversObject<TObject> = WithIndex<TObject>;

export type ResolverTypeWrapper<T> = Promise<T> | T;


export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;





/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  Account: ResolverTypeWrapper<Omit<Account, 'role'> & { role: ResolversTypes['Role'] }>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  ApiToken: ResolverTypeWrapper<Omit<ApiToken, 'role'> & { role: ResolversTypes['Role'] }>;
  FieldSet: ResolverTypeWrapper<Scalars['FieldSet']['output']>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  NewApiToken: ResolverTypeWrapper<Omit<NewApiToken, 'role'> & { role: ResolversTypes['Role'] }>;
  NewPluginKey: ResolverTypeWrapper<NewPluginKey>;
  PasswordReset: ResolverTypeWrapper<Omit<PasswordReset, 'account'> & { account: ResolversTypes['Account'] }>;
  PluginKey: ResolverTypeWrapper<PluginKey>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Role: ResolverTypeWrapper<Role>;
  User: ResolverTypeWrapper<Omit<User, 'role'> & { role: ResolversTypes['Role'] }>;
  link__Import: ResolverTypeWrapper<Scalars['link__Import']['output']>;
  link__Purpose: Link__Purpose;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  Account: Account;
  ID: Scalars['ID']['output'];
  Int: Scalars['Int']['output'];
  ApiToken: ApiToken;
  FieldSet: Scalars['FieldSet']['output'];
  Mutation: Record<PropertyKey, never>;
  NewApiToken: NewApiToken;
  NewPluginKey: NewPluginKey;
  PasswordReset: Omit<PasswordReset, 'account'> & { account: ResolversParentTypes['Account'] };
  PluginKey: PluginKey;
  Query: Record<PropertyKey, never>;
  User: User;
  link__Import: Scalars['link__Import']['output'];
  String: Scalars['String']['output'];
  Boolean: Scalars['Boolean']['output'];
}>;

export type ComposeDirectiveDirectiveArgs = {
  name: Scalars['String']['input'];
};

export type ComposeDirectiveDirectiveResolver<Result, Parent, ContextType = SubgraphContext, Args = ComposeDirectiveDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type ExtendsDirectiveArgs = { };

export type ExtendsDirectiveResolver<Result, Parent, ContextType = SubgraphContext, Args = ExtendsDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type InaccessibleDirectiveArgs = { };

export type InaccessibleDirectiveResolver<Result, Parent, ContextType = SubgraphContext, Args = InaccessibleDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type InterfaceObjectDirectiveArgs = { };

export type InterfaceObjectDirectiveResolver<Result, Parent, ContextType = SubgraphContext, Args = InterfaceObjectDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type LinkDirectiveArgs = {
  as?: Maybe<Scalars['String']['input']>;
  for?: Maybe<Link__Purpose>;
  import?: Maybe<Array<Maybe<Scalars['link__Import']['input']>>>;
  url: Scalars['String']['input'];
};

export type LinkDirectiveResolver<Result, Parent, ContextType = SubgraphContext, Args = LinkDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type OverrideDirectiveArgs = {
  from: Scalars['String']['input'];
  label?: Maybe<Scalars['String']['input']>;
};

export type OverrideDirectiveResolver<Result, Parent, ContextType = SubgraphContext, Args = OverrideDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type ShareableDirectiveArgs = { };

export type ShareableDirectiveResolver<Result, Parent, ContextType = SubgraphContext, Args = ShareableDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type TagDirectiveArgs = {
  name: Scalars['String']['input'];
};

export type TagDirectiveResolver<Result, Parent, ContextType = SubgraphContext, Args = TagDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type AccountResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Account'] = ResolversParentTypes['Account']> = ResolversObject<{
  createdAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  role?: Resolver<ResolversTypes['Role'], ParentType, ContextType>;
  sessions?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type ApiTokenResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['ApiToken'] = ResolversParentTypes['ApiToken']> = ResolversObject<{
  createdAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  createdBy?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  lastUsedAt?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  revokedAt?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  role?: Resolver<ResolversTypes['Role'], ParentType, ContextType>;
}>;

export interface FieldSetScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['FieldSet'], any> {
  name: 'FieldSet';
}

export type MutationResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = ResolversObject<{
  changePassword?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationChangePasswordArgs, 'currentPassword' | 'newPassword'>>;
  createAccount?: Resolver<ResolversTypes['User'], ParentType, ContextType, RequireFields<MutationCreateAccountArgs, 'name' | 'password' | 'role'>>;
  createApiToken?: Resolver<ResolversTypes['NewApiToken'], ParentType, ContextType, RequireFields<MutationCreateApiTokenArgs, 'name' | 'role'>>;
  createPluginKey?: Resolver<ResolversTypes['NewPluginKey'], ParentType, ContextType, RequireFields<MutationCreatePluginKeyArgs, 'name'>>;
  deleteAccount?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationDeleteAccountArgs, 'name'>>;
  resetPassword?: Resolver<ResolversTypes['PasswordReset'], ParentType, ContextType, RequireFields<MutationResetPasswordArgs, 'name'>>;
  revokeApiToken?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationRevokeApiTokenArgs, 'id'>>;
  revokePluginKey?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationRevokePluginKeyArgs, 'id'>>;
  setAccountRole?: Resolver<ResolversTypes['Account'], ParentType, ContextType, RequireFields<MutationSetAccountRoleArgs, 'name' | 'role'>>;
  setPluginKeyCharacters?: Resolver<ResolversTypes['PluginKey'], ParentType, ContextType, RequireFields<MutationSetPluginKeyCharactersArgs, 'characters' | 'id'>>;
  signIn?: Resolver<ResolversTypes['User'], ParentType, ContextType, RequireFields<MutationSignInArgs, 'password' | 'username'>>;
  signOut?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
}>;

export type NewApiTokenResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['NewApiToken'] = ResolversParentTypes['NewApiToken']> = ResolversObject<{
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  role?: Resolver<ResolversTypes['Role'], ParentType, ContextType>;
  token?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type NewPluginKeyResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['NewPluginKey'] = ResolversParentTypes['NewPluginKey']> = ResolversObject<{
  key?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  pluginKey?: Resolver<ResolversTypes['PluginKey'], ParentType, ContextType>;
}>;

export type PasswordResetResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['PasswordReset'] = ResolversParentTypes['PasswordReset']> = ResolversObject<{
  account?: Resolver<ResolversTypes['Account'], ParentType, ContextType>;
  password?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type PluginKeyResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['PluginKey'] = ResolversParentTypes['PluginKey']> = ResolversObject<{
  characters?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  charactersFixed?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  createdBy?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  lastUsedAt?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  revokedAt?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  accounts?: Resolver<Array<ResolversTypes['Account']>, ParentType, ContextType>;
  apiTokens?: Resolver<Array<ResolversTypes['ApiToken']>, ParentType, ContextType>;
  me?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
  pluginKeys?: Resolver<Array<ResolversTypes['PluginKey']>, ParentType, ContextType>;
}>;

export type RoleResolvers = { ADMIN: 'admin', OPERATOR: 'operator', VIEWER: 'viewer' };

export type UserResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['User'] = ResolversParentTypes['User']> = ResolversObject<{
  apiToken?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  passwordChangeDue?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  role?: Resolver<ResolversTypes['Role'], ParentType, ContextType>;
}>;

export interface Link__ImportScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['link__Import'], any> {
  name: 'link__Import';
}

export type Resolvers<ContextType = SubgraphContext> = ResolversObject<{
  Account?: AccountResolvers<ContextType>;
  ApiToken?: ApiTokenResolvers<ContextType>;
  FieldSet?: GraphQLScalarType;
  Mutation?: MutationResolvers<ContextType>;
  NewApiToken?: NewApiTokenResolvers<ContextType>;
  NewPluginKey?: NewPluginKeyResolvers<ContextType>;
  PasswordReset?: PasswordResetResolvers<ContextType>;
  PluginKey?: PluginKeyResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Role?: RoleResolvers;
  User?: UserResolvers<ContextType>;
  link__Import?: GraphQLScalarType;
}>;

export type DirectiveResolvers<ContextType = SubgraphContext> = ResolversObject<{
  composeDirective?: ComposeDirectiveDirectiveResolver<any, any, ContextType>;
  extends?: ExtendsDirectiveResolver<any, any, ContextType>;
  inaccessible?: InaccessibleDirectiveResolver<any, any, ContextType>;
  interfaceObject?: InterfaceObjectDirectiveResolver<any, any, ContextType>;
  link?: LinkDirectiveResolver<any, any, ContextType>;
  override?: OverrideDirectiveResolver<any, any, ContextType>;
  shareable?: ShareableDirectiveResolver<any, any, ContextType>;
  tag?: TagDirectiveResolver<any, any, ContextType>;
}>;
