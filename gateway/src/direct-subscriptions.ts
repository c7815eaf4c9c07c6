/**
 * Which subscriptions one subgraph answers whole, read off the supergraph's
 * join directives (the federation join spec), so that the gateway can hand
 * them to that subgraph as they are and pass its results through, rather
 * than plan each one and execute every result again over the supergraph.
 *
 * A live feed's result is re-executed by the stitching runtime for every
 * value the subgraph sends (the subgraph's answer taken apart and put
 * together again, field by field): at the fleet's rates that was most of
 * what the gateway spent per result besides parsing and writing it. A
 * subscription whose every field the one subgraph resolves gets nothing
 * from it: the subgraph's answer is already the answer.
 *
 * The rule is conservative. A subscription goes direct only when every
 * type it names (variables, fragments' type conditions, every field's type)
 * is one the subgraph has, and every field it selects is one the subgraph
 * resolves itself: not `@external` there, without `@requires`, not
 * overridden away from it nor progressively overridden, and of the same
 * type there as in the supergraph (so that a null in an answer spreads as
 * far as the graph says). Anything else (a
 * field of another subgraph's, an entity's field the subgraph only
 * references, a fragment on an interface's member the subgraph does not
 * know) goes through the stitching runtime as before.
 */
import {
  getNamedType,
  isAbstractType,
  isInterfaceType,
  isObjectType,
  Kind,
  locatedError,
  parse,
  print,
  type ConstDirectiveNode,
  type DefinitionNode,
  type DocumentNode,
  type ExecutionResult,
  type FragmentDefinitionNode,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type TypeNode,
} from 'graphql';

/** Directives a selection may carry in a direct subscription: every subgraph knows them. */
const SELECTION_DIRECTIVES = new Set(['include', 'skip']);

/** What the supergraph says each subgraph has: its types, and the fields it resolves. */
export class SubgraphOwnership {
  /** Type name → the subgraphs that have it (absent: every subgraph, as for the built-in scalars). */
  private readonly typeGraphs = new Map<string, ReadonlySet<string>>();
  /** `Type.field` → the subgraphs that resolve it themselves (absent: those of its type). */
  private readonly fieldGraphs = new Map<string, ReadonlySet<string>>();
  /** `Union|Member` and `Object|Interface`, per subgraph that has the member in the union, the object as the interface's. */
  private readonly memberships = new Map<string, ReadonlySet<string>>();
  /** The decision per document (documents come from the runtime's parse cache, so the same query is the same object). */
  private readonly decided = new WeakMap<DocumentNode, Map<string | undefined, Direct | null>>();

  /** `sdl`: the supergraph's, with its join directives; `schema`: the same supergraph as a schema (the runtime's). */
  constructor(sdl: string, private readonly schema: GraphQLSchema) {
    const document = parse(sdl, { noLocation: true });
    const graphs = graphNames(document.definitions);
    for (const definition of document.definitions) this.read(definition, graphs);
  }

  /**
   * The subgraph that answers the operation of `document` named
   * `operationName` whole, with the document it is to be sent (the
   * operation and the fragments it uses), or undefined.
   */
  direct(document: DocumentNode, operationName?: string | null): Direct | undefined {
    let byName = this.decided.get(document);
    if (!byName) this.decided.set(document, (byName = new Map()));
    const key = operationName ?? undefined;
    let decision = byName.get(key);
    if (decision === undefined) {
      decision = this.decide(document, key) ?? null;
      byName.set(key, decision);
    }
    return decision ?? undefined;
  }

  private decide(document: DocumentNode, operationName: string | undefined): Direct | undefined {
    const operations = document.definitions.filter((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION);
    const operation = operationName === undefined ? (operations.length === 1 ? operations[0] : undefined) : operations.find((candidate) => candidate.name?.value === operationName);
    const root = operation && this.schema.getRootType(operation.operation);
    if (!operation || !root) return undefined;
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    const walk = new Walk(this, fragments);
    for (const variable of operation.variableDefinitions ?? []) walk.type(namedTypeName(variable.type));
    walk.type(root.name);
    if (operation.directives?.length) walk.refuse();
    walk.selections(root, operation.selectionSet);
    const subgraph = walk.subgraph();
    const responseKey = rootResponseKey(operation.selectionSet, fragments);
    if (subgraph === undefined || responseKey === undefined) return undefined;
    return { subgraph, responseKey, document: { kind: Kind.DOCUMENT, definitions: [operation, ...walk.usedFragments()] } };
  }

  /** The subgraphs that have the type `name` (undefined: every one). */
  graphsOfType(name: string): ReadonlySet<string> | undefined {
    return this.typeGraphs.get(name);
  }

  /** The subgraphs that resolve `type.field` themselves (undefined: every one that has the type). */
  graphsOfField(type: string, field: string): ReadonlySet<string> | undefined {
    return this.fieldGraphs.get(`${type}.${field}`) ?? this.typeGraphs.get(type);
  }

  /** The subgraphs in which `member` is one of the abstract type `abstract`'s (a union's member, an interface's implementation). */
  graphsOfMembership(abstract: string, member: string): ReadonlySet<string> {
    return this.memberships.get(`${abstract}|${member}`) ?? new Set();
  }

  /** The schema's type named `name`. */
  typeNamed(name: string): GraphQLNamedType | undefined {
    return this.schema.getType(name) ?? undefined;
  }

  private read(definition: DefinitionNode, graphs: ReadonlyMap<string, string>): void {
    if (!('name' in definition) || !definition.name || !('directives' in definition)) return;
    if (definition.kind === Kind.DIRECTIVE_DEFINITION || definition.kind === Kind.OPERATION_DEFINITION || definition.kind === Kind.FRAGMENT_DEFINITION) return;
    const type = definition.name.value;
    const directives = definition.directives ?? [];
    const typeGraphs = graphsIn(directives, 'join__type', graphs);
    if (typeGraphs.size > 0) this.typeGraphs.set(type, typeGraphs);
    for (const directive of directives) {
      const graph = graphs.get(enumArgument(directive, 'graph') ?? '');
      if (!graph) continue;
      const name = directive.name.value;
      const other = name === 'join__unionMember' ? stringArgument(directive, 'member') : name === 'join__implements' ? stringArgument(directive, 'interface') : undefined;
      if (other === undefined) continue;
      const key = name === 'join__unionMember' ? `${type}|${other}` : `${other}|${type}`;
      this.memberships.set(key, new Set([...(this.memberships.get(key) ?? []), graph]));
    }
    if (!('fields' in definition) || !definition.fields) return;
    for (const field of definition.fields) {
      const joins = (field.directives ?? []).filter((directive) => directive.name.value === 'join__field');
      if (joins.length === 0) continue;
      const resolving = new Set<string>();
      for (const join of joins) {
        const graph = graphs.get(enumArgument(join, 'graph') ?? '');
        if (!graph || booleanArgument(join, 'external') || booleanArgument(join, 'usedOverridden') || hasArgument(join, 'requires') || hasArgument(join, 'overrideLabel')) continue;
        // The subgraph's type differs from the supergraph's (a shareable field non-null in one subgraph only): its answers
        // would carry the subgraph's null propagation, not the graph's.
        const declared = stringArgument(join, 'type');
        if (declared !== undefined && declared !== print(field.type)) continue;
        resolving.add(graph);
      }
      // A field progressively overridden is resolved by either side, by label: never direct.
      if (joins.some((join) => hasArgument(join, 'overrideLabel'))) resolving.clear();
      this.fieldGraphs.set(`${type}.${field.name.value}`, resolving);
    }
  }
}

/** A subscription one subgraph answers whole: its name, the document to send it, and its root field's response key. */
export interface Direct {
  subgraph: string;
  document: DocumentNode;
  /** The alias or name of the subscription's one root field: where an error without a path belongs. */
  responseKey: string;
}

/**
 * A result of a direct subscription as the stitching runtime would have
 * made it: an error result without `data` (one that ends the subscription:
 * a refused argument, SUBSCRIBER_TOO_SLOW, LIVE_FEED_INTERRUPTED) gets
 * `data: null`, and its errors without a path the root field's, so that
 * clients see the same answers whichever way their subscription ran.
 */
export function asGraphResult(result: ExecutionResult, responseKey: string): ExecutionResult {
  if (result.data !== undefined || !result.errors) return result;
  return { ...result, data: null, errors: result.errors.map((error) => (error.path ? error : locatedError(error, undefined, [responseKey]))) };
}

/** One operation's walk: the subgraphs that could answer all of it so far (undefined: any). */
class Walk {
  private candidates: Set<string> | undefined;
  private refused = false;
  private readonly used = new Map<string, FragmentDefinitionNode>();

  constructor(
    private readonly ownership: SubgraphOwnership,
    private readonly fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  ) {}

  refuse(): void {
    this.refused = true;
  }

  /** The one subgraph left, if the walk found one that answers everything (the first by name if several do). */
  subgraph(): string | undefined {
    if (this.refused || !this.candidates || this.candidates.size === 0) return undefined;
    return [...this.candidates].sort()[0];
  }

  usedFragments(): FragmentDefinitionNode[] {
    return [...this.used.values()];
  }

  /** Keeps the candidates that have the type `name`; an unknown type refuses. */
  type(name: string): void {
    if (!this.ownership.typeNamed(name)) this.refused = true;
    else this.keep(this.ownership.graphsOfType(name));
  }

  selections(parent: GraphQLNamedType, selectionSet: SelectionSetNode): void {
    for (const selection of selectionSet.selections) {
      if (this.refused) return;
      if (selection.directives?.some((directive) => !SELECTION_DIRECTIVES.has(directive.name.value))) return this.refuse();
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        if (name === '__typename') continue;
        if (!isObjectType(parent) && !isInterfaceType(parent)) return this.refuse();
        const field = parent.getFields()[name];
        if (!field) return this.refuse();
        this.keep(this.ownership.graphsOfField(parent.name, name));
        const type = getNamedType(field.type);
        this.type(type.name);
        if (selection.selectionSet) this.selections(type, selection.selectionSet);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        this.fragment(parent, selection.typeCondition?.name.value, selection.selectionSet);
      } else {
        const fragment = this.fragments.get(selection.name.value);
        if (!fragment) return this.refuse();
        if (fragment.directives?.length) return this.refuse();
        // Each spread is checked where it is spread (its parent may be another abstract type); its fields once.
        const walked = this.used.has(fragment.name.value);
        this.used.set(fragment.name.value, fragment);
        this.fragment(parent, fragment.typeCondition.name.value, walked ? undefined : fragment.selectionSet);
      }
    }
  }

  /** A fragment on `condition` inside a selection on `parent`: a member of an abstract parent must be one in the subgraph too. */
  private fragment(parent: GraphQLNamedType, condition: string | undefined, selectionSet: SelectionSetNode | undefined): void {
    const type = condition === undefined ? parent : this.ownership.typeNamed(condition);
    if (!type) return this.refuse();
    this.type(type.name);
    if (type.name !== parent.name) {
      if (!isAbstractType(parent) || isAbstractType(type)) return this.refuse();
      this.keep(this.ownership.graphsOfMembership(parent.name, type.name));
    }
    if (selectionSet) this.selections(type, selectionSet);
  }

  private keep(graphs: ReadonlySet<string> | undefined): void {
    if (!graphs) return;
    if (!this.candidates) this.candidates = new Set(graphs);
    else for (const graph of this.candidates) if (!graphs.has(graph)) this.candidates.delete(graph);
    if (this.candidates.size === 0) this.refused = true;
  }
}

/** `join__Graph` enum value → subgraph name (`@join__graph(name:)`). */
function graphNames(definitions: readonly DefinitionNode[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const definition of definitions) {
    if (definition.kind !== Kind.ENUM_TYPE_DEFINITION || definition.name.value !== 'join__Graph') continue;
    for (const value of definition.values ?? []) {
      const join = value.directives?.find((directive) => directive.name.value === 'join__graph');
      const name = join && stringArgument(join, 'name');
      if (name) names.set(value.name.value, name);
    }
  }
  return names;
}

function graphsIn(directives: readonly ConstDirectiveNode[], name: string, graphs: ReadonlyMap<string, string>): Set<string> {
  const found = new Set<string>();
  for (const directive of directives) {
    if (directive.name.value !== name) continue;
    const graph = graphs.get(enumArgument(directive, 'graph') ?? '');
    if (graph) found.add(graph);
  }
  return found;
}

function argument(directive: ConstDirectiveNode, name: string) {
  return directive.arguments?.find((candidate) => candidate.name.value === name)?.value;
}

function hasArgument(directive: ConstDirectiveNode, name: string): boolean {
  const value = argument(directive, name);
  return value !== undefined && value.kind !== Kind.NULL;
}

function enumArgument(directive: ConstDirectiveNode, name: string): string | undefined {
  const value = argument(directive, name);
  return value?.kind === Kind.ENUM ? value.value : undefined;
}

function stringArgument(directive: ConstDirectiveNode, name: string): string | undefined {
  const value = argument(directive, name);
  return value?.kind === Kind.STRING ? value.value : undefined;
}

function booleanArgument(directive: ConstDirectiveNode, name: string): boolean {
  const value = argument(directive, name);
  return value?.kind === Kind.BOOLEAN && value.value;
}

/** The response key of an operation's first root field, fragments spread in (a subscription has exactly one). */
function rootResponseKey(selectionSet: SelectionSetNode, fragments: ReadonlyMap<string, FragmentDefinitionNode>): string | undefined {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) return (selection.alias ?? selection.name).value;
    const inner = selection.kind === Kind.INLINE_FRAGMENT ? selection.selectionSet : fragments.get(selection.name.value)?.selectionSet;
    const key = inner && rootResponseKey(inner, fragments);
    if (key !== undefined) return key;
  }
  return undefined;
}

function namedTypeName(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedTypeName(type.type);
}
