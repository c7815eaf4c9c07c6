import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { SubgraphContext } from '@lifestone/lib/graph';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /**
   * An instant, as an ISO-8601 string in UTC with milliseconds (`2024-05-01T12:00:00.000Z`).
   * As an argument, any ISO-8601 string with a zone is accepted.
   */
  DateTime: { input: Date | string; output: Date | string; }
  /** A selection of fields, as a string: `"name"`, `"id owner { name }"`. */
  FieldSet: { input: unknown; output: unknown; }
  link__Import: { input: unknown; output: unknown; }
};

/** A game character. Telemetry owns its live state; this subgraph adds how it fights. */
export type Character = {
  __typename?: 'Character';
  /** Combat statistics from the plugin's `combat_stats` reports; null when the character has sent none. */
  combat?: Maybe<CombatStats>;
  /** The character's name, exactly as the game spells it. */
  name: Scalars['String']['output'];
};

/** A character's place on the lifetime combat board. */
export type CombatLeader = {
  __typename?: 'CombatLeader';
  /** The character. */
  character: Character;
  /** Damage dealt in its lifetime. */
  damage: Scalars['Float']['output'];
  /** Monsters killed in its lifetime. */
  kills: Scalars['Int']['output'];
  /** Place on the board, from 1; equal kills are ordered by damage dealt, then by name, each with its own rank. */
  rank: Scalars['Int']['output'];
};

/** A character's combat statistics: its latest play session and its whole lifetime. */
export type CombatStats = {
  __typename?: 'CombatStats';
  /** Every session added up: each report counts by what it adds to the one before it in its session. */
  lifetime: CombatTotals;
  /** The latest session (the one reported last), from its latest cumulative snapshot; null when none is stored. */
  session?: Maybe<CombatTotals>;
  /** The latest session's id as the plugin sent it; null when the plugin sends none. */
  sessionId?: Maybe<Scalars['String']['output']>;
  /** When the latest session's first report was observed; null when no session is stored. */
  sessionStartedAt?: Maybe<Scalars['DateTime']['output']>;
  /** When ingest received the latest session's last report; null when no session is stored. */
  updatedAt?: Maybe<Scalars['DateTime']['output']>;
};

/** Combat totals over a span (a session or a lifetime): overall, per damage element and per monster. */
export type CombatTotals = {
  __typename?: 'CombatTotals';
  /** Offense and defense per damage element, by damage dealt (most first), then damage taken, then name. */
  byElement: Array<ElementCombat>;
  /** Per monster, by kills (most first), then damage dealt, then name. */
  byMonster: Array<MonsterCombat>;
  /** Attacks received, over every monster and element. */
  defense: DefenseTotals;
  /** Monsters killed. */
  kills: Scalars['Int']['output'];
  /** Attacks made, over every monster and element. */
  offense: OffenseTotals;
};

/** Attacks a character received. */
export type DefenseTotals = {
  __typename?: 'DefenseTotals';
  /** Damage taken. */
  damage: Scalars['Float']['output'];
  /** Attacks the character evaded. */
  evades: Scalars['Int']['output'];
  /** Attacks that hit the character. */
  hits: Scalars['Int']['output'];
  /** Spells the character resisted. */
  resists: Scalars['Int']['output'];
};

/** Offense and defense with one damage element. */
export type ElementCombat = {
  __typename?: 'ElementCombat';
  /** Attacks of this element received. */
  defense: DefenseTotals;
  /** The damage element: `slash`, `pierce`, `bludgeon`, `fire`, `cold`, `acid`, `electric`, `nether`, or another the plugin names. */
  element: Scalars['String']['output'];
  /** Attacks made with this element. */
  offense: OffenseTotals;
};

/** Combat against one kind of monster. */
export type MonsterCombat = {
  __typename?: 'MonsterCombat';
  /** Offense and defense per damage element, ordered as `CombatTotals.byElement`. */
  byElement: Array<ElementCombat>;
  /** Attacks received from it. */
  defense: DefenseTotals;
  /** How many were killed. */
  kills: Scalars['Int']['output'];
  /** The monster's name. */
  monster: Scalars['String']['output'];
  /** Attacks made against it. */
  offense: OffenseTotals;
};

/** Attacks a character made. */
export type OffenseTotals = {
  __typename?: 'OffenseTotals';
  /** Hits over attacks (hits and misses), 0 to 1; null when there were no attacks. */
  accuracy?: Maybe<Scalars['Float']['output']>;
  /** Damage over hits; null when there were no hits. */
  averageHit?: Maybe<Scalars['Float']['output']>;
  /** Critical hits over hits, 0 to 1; null when there were no hits. */
  critRate?: Maybe<Scalars['Float']['output']>;
  /** Hits that were critical. */
  crits: Scalars['Int']['output'];
  /** Damage dealt. */
  damage: Scalars['Float']['output'];
  /** Attacks that hit. */
  hits: Scalars['Int']['output'];
  /** The largest single hit. */
  maxHit: Scalars['Float']['output'];
  /** Attacks that missed. */
  misses: Scalars['Int']['output'];
};

export type Query = {
  __typename?: 'Query';
  /** The characters with the most lifetime kills (then most damage dealt, then by name); `first` is 1 to 100. */
  combatLeaders: Array<CombatLeader>;
};


export type QueryCombatLeadersArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type Link__Purpose =
  /** `EXECUTION` features provide metadata necessary for operation execution. */
  | 'EXECUTION'
  /** `SECURITY` features provide metadata necessary to securely resolve fields. */
  | 'SECURITY';

export type WithIndex<TObject> = TObject & Record<string, any>;
export type ResolversObject<TObject> = WithIndex<TObject>;

export type ResolverTypeWrapper<T> = Promise<T> | T;

export type ReferenceResolver<TResult, TReference, TContext> = (
      reference: TReference,
      context: TContext,
      info: GraphQLResolveInfo
    ) => Promise<TResult> | TResult;

      type ScalarCheck<T, S> = S extends true ? T : NullableCheck<T, S>;
      type NullableCheck<T, S> = Maybe<T> extends T ? Maybe<ListCheck<NonNullable<T>, S>> : ListCheck<T, S>;
      type ListCheck<T, S> = T extends (infer U)[] ? NullableCheck<U, S>[] : GraphQLRecursivePick<T, S>;
      export type GraphQLRecursivePick<T, S> = { [K in keyof T & keyof S]: ScalarCheck<T[K], S[K]> };
    

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

/** Mapping of federation types */
export type FederationTypes = ResolversObject<{
  Character: Character;
}>;

/** Mapping of federation reference types */
export type FederationReferenceTypes = ResolversObject<{
  Character:
    ( { __typename: 'Character' }
    & GraphQLRecursivePick<FederationTypes['Character'], {"name":true}> );
}>;



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  Character: ResolverTypeWrapper<Character>;
  CombatLeader: ResolverTypeWrapper<CombatLeader>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  CombatStats: ResolverTypeWrapper<CombatStats>;
  CombatTotals: ResolverTypeWrapper<CombatTotals>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  DefenseTotals: ResolverTypeWrapper<DefenseTotals>;
  ElementCombat: ResolverTypeWrapper<ElementCombat>;
  FieldSet: ResolverTypeWrapper<Scalars['FieldSet']['output']>;
  MonsterCombat: ResolverTypeWrapper<MonsterCombat>;
  OffenseTotals: ResolverTypeWrapper<OffenseTotals>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  link__Import: ResolverTypeWrapper<Scalars['link__Import']['output']>;
  link__Purpose: Link__Purpose;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  Character: Character | FederationReferenceTypes['Character'];
  CombatLeader: CombatLeader;
  Float: Scalars['Float']['output'];
  Int: Scalars['Int']['output'];
  CombatStats: CombatStats;
  CombatTotals: CombatTotals;
  DateTime: Scalars['DateTime']['output'];
  DefenseTotals: DefenseTotals;
  ElementCombat: ElementCombat;
  FieldSet: Scalars['FieldSet']['output'];
  MonsterCombat: MonsterCombat;
  OffenseTotals: OffenseTotals;
  Query: Record<PropertyKey, never>;
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

export type CharacterResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Character'] = ResolversParentTypes['Character'], FederationReferenceType extends FederationReferenceTypes['Character'] = FederationReferenceTypes['Character']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Character']> | FederationReferenceType, FederationReferenceType, ContextType>;
  combat?: Resolver<Maybe<ResolversTypes['CombatStats']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type CombatLeaderResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['CombatLeader'] = ResolversParentTypes['CombatLeader']> = ResolversObject<{
  character?: Resolver<ResolversTypes['Character'], ParentType, ContextType>;
  damage?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  kills?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  rank?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type CombatStatsResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['CombatStats'] = ResolversParentTypes['CombatStats']> = ResolversObject<{
  lifetime?: Resolver<ResolversTypes['CombatTotals'], ParentType, ContextType>;
  session?: Resolver<Maybe<ResolversTypes['CombatTotals']>, ParentType, ContextType>;
  sessionId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  sessionStartedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  updatedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
}>;

export type CombatTotalsResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['CombatTotals'] = ResolversParentTypes['CombatTotals']> = ResolversObject<{
  byElement?: Resolver<Array<ResolversTypes['ElementCombat']>, ParentType, ContextType>;
  byMonster?: Resolver<Array<ResolversTypes['MonsterCombat']>, ParentType, ContextType>;
  defense?: Resolver<ResolversTypes['DefenseTotals'], ParentType, ContextType>;
  kills?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  offense?: Resolver<ResolversTypes['OffenseTotals'], ParentType, ContextType>;
}>;

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type DefenseTotalsResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['DefenseTotals'] = ResolversParentTypes['DefenseTotals']> = ResolversObject<{
  damage?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  evades?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  hits?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  resists?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type ElementCombatResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['ElementCombat'] = ResolversParentTypes['ElementCombat']> = ResolversObject<{
  defense?: Resolver<ResolversTypes['DefenseTotals'], ParentType, ContextType>;
  element?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  offense?: Resolver<ResolversTypes['OffenseTotals'], ParentType, ContextType>;
}>;

export interface FieldSetScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['FieldSet'], any> {
  name: 'FieldSet';
}

export type MonsterCombatResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['MonsterCombat'] = ResolversParentTypes['MonsterCombat']> = ResolversObject<{
  byElement?: Resolver<Array<ResolversTypes['ElementCombat']>, ParentType, ContextType>;
  defense?: Resolver<ResolversTypes['DefenseTotals'], ParentType, ContextType>;
  kills?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  monster?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  offense?: Resolver<ResolversTypes['OffenseTotals'], ParentType, ContextType>;
}>;

export type OffenseTotalsResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['OffenseTotals'] = ResolversParentTypes['OffenseTotals']> = ResolversObject<{
  accuracy?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  averageHit?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  critRate?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  crits?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  damage?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  hits?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  maxHit?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  misses?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  combatLeaders?: Resolver<Array<ResolversTypes['CombatLeader']>, ParentType, ContextType, RequireFields<QueryCombatLeadersArgs, 'first'>>;
}>;

export interface Link__ImportScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['link__Import'], any> {
  name: 'link__Import';
}

export type Resolvers<ContextType = SubgraphContext> = ResolversObject<{
  Character?: CharacterResolvers<ContextType>;
  CombatLeader?: CombatLeaderResolvers<ContextType>;
  CombatStats?: CombatStatsResolvers<ContextType>;
  CombatTotals?: CombatTotalsResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  DefenseTotals?: DefenseTotalsResolvers<ContextType>;
  ElementCombat?: ElementCombatResolvers<ContextType>;
  FieldSet?: GraphQLScalarType;
  MonsterCombat?: MonsterCombatResolvers<ContextType>;
  OffenseTotals?: OffenseTotalsResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
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
