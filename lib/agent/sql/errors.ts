/** Why `query_telemetry_db` refused or failed a statement: one stable code each. */
export const SqlErrorCode = {
  /** The SQL text is empty, or only comments. */
  EMPTY: 'SQL_EMPTY',
  /** Longer than the tool accepts. */
  TOO_LONG: 'SQL_TOO_LONG',
  /** PostgreSQL's parser refused it. */
  SYNTAX: 'SQL_SYNTAX_ERROR',
  /** More than one statement. */
  MULTIPLE_STATEMENTS: 'SQL_MULTIPLE_STATEMENTS',
  /** A statement other than SELECT (INSERT, COPY, SET, DO, COMMIT, EXPLAIN ...). */
  NOT_SELECT: 'SQL_NOT_SELECT',
  /** SELECT ... INTO, which creates a table. */
  SELECT_INTO: 'SQL_SELECT_INTO',
  /** FOR UPDATE / FOR SHARE and the like, which take row locks. */
  LOCKING_CLAUSE: 'SQL_LOCKING_CLAUSE',
  /** A WITH query that is not a SELECT (INSERT/UPDATE/DELETE/MERGE ... RETURNING). */
  DATA_MODIFYING_CTE: 'SQL_DATA_MODIFYING_CTE',
  /** A table, view or catalog outside the telemetry tables. */
  TABLE_NOT_ALLOWED: 'SQL_TABLE_NOT_ALLOWED',
  /** A function on the denylist (files, sleeps, settings, backends, large objects, SQL run from text ...). */
  FUNCTION_NOT_ALLOWED: 'SQL_FUNCTION_NOT_ALLOWED',
  /** A cast to a type that looks up or parses catalog objects (regclass ...) or XML. */
  TYPE_NOT_ALLOWED: 'SQL_TYPE_NOT_ALLOWED',
  /** Any other construct outside plain analytics SELECTs (parameters, XML, WHERE CURRENT OF ...). */
  CONSTRUCT_NOT_ALLOWED: 'SQL_CONSTRUCT_NOT_ALLOWED',
  /** Ran longer than the statement timeout. */
  TIMEOUT: 'SQL_TIMEOUT',
  /** The read-only role may not do it (the database's own refusal). */
  PERMISSION_DENIED: 'SQL_PERMISSION_DENIED',
  /** PostgreSQL refused it while running (a wrong column, a division by zero ...). */
  EXECUTION_FAILED: 'SQL_EXECUTION_FAILED',
  /** No database is configured for the tool, or its read-only role is missing. */
  UNAVAILABLE: 'SQL_UNAVAILABLE',
  /** The rows returned hold more bytes than the tool hands back. */
  RESULT_TOO_LARGE: 'SQL_RESULT_TOO_LARGE',
  /** The caller already has as many statements running and waiting as one caller may (./fair-share.ts); send it again once they are answered. */
  BUSY: 'SQL_BUSY',
} as const;

export type SqlErrorCode = (typeof SqlErrorCode)[keyof typeof SqlErrorCode];

/** A refused or failed statement: `code` is stable, `message` says what to change. */
export class SqlToolError extends Error {
  constructor(
    readonly code: SqlErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SqlToolError';
  }
}
