/**
 * The first line of `query_telemetry_db`'s defence: PostgreSQL's own parser
 * (libpg-query) reads the text, and only one plain SELECT over the telemetry
 * tables passes. The whole syntax tree is walked; every node must be of a
 * type an analytics SELECT uses, and tables, functions and casts are checked
 * where they appear. What passes still runs read-only, as a role that can
 * only SELECT those tables (./executor.ts).
 */
import { parse } from 'libpg-query';
import { ALLOWED_FUNCTION_SCHEMAS, ALLOWED_TABLE_SCHEMAS, ALLOWED_TABLES, functionAllowed, typeAllowed } from './allowlist.js';
import { SqlErrorCode, SqlToolError } from './errors.js';

/** The longest SQL text accepted. @default 20000 characters */
export const SQL_MAX_LENGTH = 20_000;

/** The node types a SELECT for analytics is made of; any other is refused with `SQL_CONSTRUCT_NOT_ALLOWED`. */
const ALLOWED_NODES = new Set([
  'SelectStmt', 'ResTarget', 'ColumnRef', 'A_Const', 'A_Expr', 'A_Star', 'A_Indirection', 'A_Indices', 'A_ArrayExpr',
  'FuncCall', 'NamedArgExpr', 'TypeCast', 'TypeName', 'CollateClause', 'RangeVar', 'RangeSubselect', 'RangeFunction',
  'RangeTableSample', 'JoinExpr', 'Alias', 'SubLink', 'BoolExpr', 'CaseExpr', 'CaseWhen', 'CoalesceExpr', 'MinMaxExpr',
  'NullTest', 'BooleanTest', 'RowExpr', 'SortBy', 'WindowDef', 'WithClause', 'CommonTableExpr', 'CTESearchClause',
  'CTECycleClause', 'GroupingSet', 'GroupingFunc', 'SQLValueFunction', 'ColumnDef', 'String', 'Integer', 'Float',
  'Boolean', 'BitString', 'List', 'JsonObjectConstructor', 'JsonArrayConstructor', 'JsonArrayQueryConstructor',
  'JsonValueExpr', 'JsonKeyValue', 'JsonOutput', 'JsonReturning', 'JsonFormat', 'JsonIsPredicate', 'JsonObjectAgg',
  'JsonArrayAgg', 'JsonAggConstructor', 'JsonFuncExpr', 'JsonBehavior', 'JsonArgument', 'JsonParseExpr', 'JsonScalarExpr',
  'JsonSerializeExpr',
]);

/** Statement node types, named for the refusal message. */
const STATEMENT_NAMES: Record<string, string> = {
  InsertStmt: 'INSERT', UpdateStmt: 'UPDATE', DeleteStmt: 'DELETE', MergeStmt: 'MERGE', CopyStmt: 'COPY', VariableSetStmt: 'SET',
  VariableShowStmt: 'SHOW', DoStmt: 'DO', TransactionStmt: 'a transaction command (BEGIN, COMMIT, END, ROLLBACK ...)',
  ExplainStmt: 'EXPLAIN', CreateStmt: 'CREATE TABLE', CreateTableAsStmt: 'CREATE TABLE AS', DropStmt: 'DROP', TruncateStmt: 'TRUNCATE',
  GrantStmt: 'GRANT', GrantRoleStmt: 'GRANT', AlterTableStmt: 'ALTER TABLE', CallStmt: 'CALL', ExecuteStmt: 'EXECUTE',
  PrepareStmt: 'PREPARE', DeclareCursorStmt: 'DECLARE', FetchStmt: 'FETCH', LockStmt: 'LOCK', ListenStmt: 'LISTEN',
  NotifyStmt: 'NOTIFY', VacuumStmt: 'VACUUM or ANALYZE', CreateFunctionStmt: 'CREATE FUNCTION', CreateRoleStmt: 'CREATE ROLE',
  AlterRoleStmt: 'ALTER ROLE', LoadStmt: 'LOAD', DiscardStmt: 'DISCARD', CheckPointStmt: 'CHECKPOINT', ViewStmt: 'CREATE VIEW',
};

/** What the guard learned of a statement it accepted. */
export interface CheckedSelect {
  /** The text as given: it is what runs. */
  sql: string;
  /** The telemetry tables it reads, sorted. */
  tables: string[];
}

type Node = Record<string, unknown>;

/**
 * Accepts exactly one SELECT over the telemetry tables and throws
 * `SqlToolError` (with a stable `SqlErrorCode`) for anything else.
 */
export async function checkReadOnlySelect(sql: string): Promise<CheckedSelect> {
  if (sql.length > SQL_MAX_LENGTH) throw new SqlToolError(SqlErrorCode.TOO_LONG, `The statement has ${sql.length} characters; at most ${SQL_MAX_LENGTH} are accepted.`);
  if (sql.trim() === '') throw new SqlToolError(SqlErrorCode.EMPTY, 'There is no statement: send one SELECT.');
  let tree: { stmts?: { stmt?: Node }[] };
  try {
    tree = (await parse(sql)) as typeof tree;
  } catch (error) {
    throw new SqlToolError(SqlErrorCode.SYNTAX, `PostgreSQL cannot parse the statement: ${(error as Error).message}.`);
  }
  const statements = tree.stmts ?? [];
  if (statements.length === 0) throw new SqlToolError(SqlErrorCode.EMPTY, 'There is no statement: send one SELECT.');
  if (statements.length > 1) throw new SqlToolError(SqlErrorCode.MULTIPLE_STATEMENTS, `Found ${statements.length} statements; send exactly one SELECT, without a second statement after a semicolon.`);
  const statement = statements[0]?.stmt ?? {};
  const [kind] = Object.keys(statement);
  if (kind !== 'SelectStmt') {
    const name = (kind && STATEMENT_NAMES[kind]) ?? kind ?? 'an empty statement';
    throw new SqlToolError(SqlErrorCode.NOT_SELECT, `Only SELECT is allowed, not ${name}: this tool reads, it never changes anything.`);
  }
  const tables = new Set<string>();
  walkSelect(statement.SelectStmt as Node, new Set(), tables);
  return { sql, tables: [...tables].sort() };
}

/** A SELECT (or one arm of a UNION/INTERSECT/EXCEPT): its WITH queries first, with PostgreSQL's scoping of their names. */
function walkSelect(select: Node, outerNames: ReadonlySet<string>, tables: Set<string>): void {
  if (select.intoClause) throw new SqlToolError(SqlErrorCode.SELECT_INTO, 'SELECT ... INTO creates a table; drop the INTO clause.');
  if (select.lockingClause) throw new SqlToolError(SqlErrorCode.LOCKING_CLAUSE, 'FOR UPDATE / FOR NO KEY UPDATE / FOR SHARE / FOR KEY SHARE lock rows; drop the locking clause.');
  let names = outerNames;
  const withClause = select.withClause as { ctes?: Node[]; recursive?: boolean } | undefined;
  if (withClause) {
    const ctes = (withClause.ctes ?? []).map((entry) => entry.CommonTableExpr as Node);
    const cteNames = ctes.map((cte) => String(cte.ctename));
    ctes.forEach((cte, index) => {
      // A WITH query sees the ones before it; in WITH RECURSIVE it sees them all.
      const visible = new Set([...outerNames, ...(withClause.recursive ? cteNames : cteNames.slice(0, index))]);
      const query = (cte.ctequery ?? {}) as Node;
      const [queryKind] = Object.keys(query);
      if (queryKind !== 'SelectStmt') {
        const name = (queryKind && STATEMENT_NAMES[queryKind]) ?? queryKind;
        throw new SqlToolError(SqlErrorCode.DATA_MODIFYING_CTE, `The WITH query ${JSON.stringify(cte.ctename)} is ${name}, not a SELECT; WITH queries may only read.`);
      }
      walkSelect(query.SelectStmt as Node, visible, tables);
      const { ctequery: _query, ...rest } = cte;
      walkFields(rest, visible, tables);
    });
    names = new Set([...outerNames, ...cteNames]);
  }
  const { withClause: _with, larg, rarg, ...rest } = select;
  // The arms of a set operation are SelectStmt structs without the node wrapper.
  if (larg) walkSelect(larg as Node, names, tables);
  if (rarg) walkSelect(rarg as Node, names, tables);
  walkFields(rest, names, tables);
}

/** Walks the fields of a struct: lower-case keys hold fields, upper-case keys wrap a node of that type. */
function walkFields(struct: Node, names: ReadonlySet<string>, tables: Set<string>): void {
  for (const [key, value] of Object.entries(struct)) {
    if (key === 'typeName' && value && typeof value === 'object') checkType(value as Node);
    walkValue(value, names, tables);
  }
}

function walkValue(value: unknown, names: ReadonlySet<string>, tables: Set<string>): void {
  if (Array.isArray(value)) {
    for (const entry of value) walkValue(entry, names, tables);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  for (const [key, inner] of Object.entries(value as Node)) {
    if (/^[A-Z]/.test(key)) walkNode(key, inner as Node, names, tables);
    else walkFields({ [key]: inner }, names, tables);
  }
}

function walkNode(type: string, node: Node, names: ReadonlySet<string>, tables: Set<string>): void {
  if (type === 'SelectStmt') return walkSelect(node, names, tables);
  if (STATEMENT_NAMES[type]) throw new SqlToolError(SqlErrorCode.NOT_SELECT, `Only SELECT is allowed, not ${STATEMENT_NAMES[type]} inside it.`);
  if (!ALLOWED_NODES.has(type)) throw new SqlToolError(SqlErrorCode.CONSTRUCT_NOT_ALLOWED, `${describeNode(type)} is not allowed here; write a plain SELECT.`);
  if (type === 'RangeVar') checkTable(node, names, tables);
  else if (type === 'FuncCall') checkFunction(node);
  else if (type === 'TypeName') checkType(node);
  else if (type === 'A_Expr') checkOperator(node);
  walkFields(node, names, tables);
}

function checkTable(range: Node, names: ReadonlySet<string>, tables: Set<string>): void {
  const relation = String(range.relname);
  const schema = range.schemaname as string | undefined;
  const qualified = [range.catalogname, schema, relation].filter(Boolean).join('.');
  if (range.catalogname || (schema !== undefined && !ALLOWED_TABLE_SCHEMAS.has(schema))) {
    throw new SqlToolError(SqlErrorCode.TABLE_NOT_ALLOWED, `${qualified} is outside the telemetry tables; read ${[...ALLOWED_TABLES].join(', ')}.`);
  }
  if (schema === undefined && names.has(relation)) return;
  if (!ALLOWED_TABLES.has(relation)) {
    throw new SqlToolError(SqlErrorCode.TABLE_NOT_ALLOWED, `${qualified} is not one of the telemetry tables; read ${[...ALLOWED_TABLES].join(', ')}.`);
  }
  tables.add(relation);
}

function checkFunction(call: Node): void {
  const parts = stringsOf(call.funcname);
  const name = parts.at(-1) ?? '';
  const schema = parts.length > 1 ? parts.slice(0, -1).join('.') : undefined;
  if ((schema !== undefined && !ALLOWED_FUNCTION_SCHEMAS.has(schema)) || !functionAllowed(name)) {
    throw new SqlToolError(SqlErrorCode.FUNCTION_NOT_ALLOWED, `The function ${parts.join('.')}() is not allowed: it reads files or settings, waits, runs SQL from text, acts on the server, or builds a value of a size the caller picks (repeat, lpad, format, replace ...). Use ordinary SQL functions (aggregates, date/time, string, math, JSON; translate for single characters).`);
  }
}

function checkType(typeName: Node): void {
  const parts = stringsOf(typeName.names);
  const name = parts.at(-1) ?? '';
  const schema = parts.length > 1 ? parts.slice(0, -1).join('.') : undefined;
  if ((schema !== undefined && schema !== 'pg_catalog') || !typeAllowed(name)) {
    throw new SqlToolError(SqlErrorCode.TYPE_NOT_ALLOWED, `A cast to ${parts.join('.')} is not allowed: it looks up or parses catalog objects. Cast to ordinary types (text, int, numeric, timestamptz, jsonb ...).`);
  }
}

function checkOperator(expression: Node): void {
  const parts = stringsOf(expression.name);
  if (parts.length > 1 && !ALLOWED_FUNCTION_SCHEMAS.has(parts.slice(0, -1).join('.'))) {
    throw new SqlToolError(SqlErrorCode.FUNCTION_NOT_ALLOWED, `The operator ${parts.join('.')} is outside pg_catalog and public.`);
  }
}

/** The strings of a name list (`[{String: {sval}}]`). */
function stringsOf(list: unknown): string[] {
  if (!Array.isArray(list)) return [];
  return list.map((entry) => String(((entry as Node).String as Node | undefined)?.sval ?? ''));
}

function describeNode(type: string): string {
  if (type === 'ParamRef') return 'A parameter ($1)';
  if (type.startsWith('Xml') || type === 'RangeTableFunc') return 'XML';
  if (type === 'CurrentOfExpr') return 'WHERE CURRENT OF';
  return `The construct ${type}`;
}
