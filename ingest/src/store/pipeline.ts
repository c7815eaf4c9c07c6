import pg, { type PoolClient, type QueryResult, type QueryResultRow, type Submittable } from 'pg';

/** node-postgres's own conversion of parameters (arrays, dates, objects), as `client.query` applies it. */
const { prepareValue } = (pg as unknown as { utils: { prepareValue: (value: unknown) => unknown } }).utils;

/** One SQL statement of a pipeline: a single statement, its parameters, and with a name, prepared once per connection. */
export interface Statement {
  text: string;
  values?: readonly unknown[];
  /** Prepared under this name the first time a connection runs it, and only bound after that. */
  name?: string;
  /** For a `COPY … FROM STDIN`: its data, lines each ending in a newline, as text or UTF-8 in pieces that each end a line. */
  copy?: ReadonlyArray<string | Uint8Array>;
}

interface Pending {
  statement: Statement;
  resolve: (result: QueryResult) => void;
  reject: (error: Error) => void;
}

/**
 * The statements of one transaction, sent in as few round trips as their
 * results allow. A statement whose result can wait is deferred: it waits
 * here and goes to the server with the next statement that is run, all of
 * them in one write, under one Sync (the extended query protocol's
 * pipelining). They are carried out in the order given, as if one after the
 * other. The first that fails fails its round trip as a whole: the server
 * skips the statements after it, and every statement's promise rejects with
 * its error (inside a transaction, the transaction is aborted; outside one,
 * the round trip is one implicit transaction, and none of it stays).
 *
 * A writer transaction of telemetry takes three round trips this way, where
 * it took nine: each costs a wake-up of the server and of ingest, and waits
 * for ingest's event loop, so the transaction is shorter and cheaper on both
 * sides, and its rows are locked for less time.
 */
export class StatementPipeline {
  private pending: Pending[] = [];

  /** `query`: the client's own, which the pipeline sends with. */
  constructor(private readonly client: PoolClient, private readonly query: PoolClient['query']) {}

  /**
   * Queues a statement whose result can wait; it goes with the next `run` or
   * `flush`, or before any other query of the client. Its promise settles
   * then: awaiting it before is waiting for ever.
   */
  defer<Row extends QueryResultRow = QueryResultRow>(statement: Statement): Promise<QueryResult<Row>> {
    const result = new Promise<QueryResult<Row>>((resolve, reject) => {
      this.pending.push({ statement, resolve: resolve as (result: QueryResult) => void, reject });
    });
    // Its failure is also the failure of the statement it goes with, which is awaited.
    result.catch(() => {});
    return result;
  }

  /** Sends what waits and `statement` in one round trip; resolves with the result of `statement`. */
  run<Row extends QueryResultRow = QueryResultRow>(statement: Statement): Promise<QueryResult<Row>> {
    const result = this.defer<Row>(statement);
    this.send();
    return result;
  }

  /** Sends what waits, if anything; resolves once it is carried out. */
  async flush(): Promise<void> {
    const last = this.pending.at(-1);
    if (!last) return;
    const done = new Promise<void>((resolve, reject) => {
      const { resolve: settle, reject: fail } = last;
      last.resolve = (result) => {
        settle(result);
        resolve();
      };
      last.reject = (error) => {
        fail(error);
        reject(error);
      };
    });
    this.send();
    await done;
  }

  /** Sends what waits, without waiting for it. */
  send(): void {
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    // node-postgres sends it once what it runs before has ended; its outcome reaches each statement's promise.
    (this.query as (this: PoolClient, submittable: Submittable) => unknown).call(this.client, new PipelinedStatements(batch));
  }

  /** Drops what waits unsent (the transaction is given up): their promises reject. */
  discard(): void {
    const dropped = this.pending;
    this.pending = [];
    for (const { reject } of dropped) reject(new Error('statement discarded: its transaction was given up before it was sent'));
  }
}

const pipelines = new WeakMap<PoolClient, StatementPipeline>();
/** The client's own `query` property while a pipeline wraps it, where it had one (else its prototype's serves). */
const ownQueries = new WeakMap<PoolClient, PoolClient['query']>();

/** The pipeline `client` runs its transaction's statements through, if it has one (see `attachPipeline`). */
export function pipelineOf(client: PoolClient): StatementPipeline | undefined {
  return pipelines.get(client);
}

/**
 * Gives `client` a pipeline until `detachPipeline`: the store's statements
 * go through it (see upserts.ts, copy.ts). Any other query on the client
 * meanwhile goes after what the pipeline holds, so that statements run in
 * the order they were given whichever way they came.
 */
export function attachPipeline(client: PoolClient): StatementPipeline {
  const query = client.query;
  const pipeline = new StatementPipeline(client, query);
  pipelines.set(client, pipeline);
  if (Object.hasOwn(client, 'query')) ownQueries.set(client, query);
  client.query = function queryAfterPipeline(this: PoolClient, ...args: unknown[]) {
    pipeline.send();
    return (query as (...args: unknown[]) => unknown).apply(this, args);
  } as PoolClient['query'];
  return pipeline;
}

/** Takes the pipeline off `client`, dropping what it still holds unsent (see `StatementPipeline.discard`). */
export function detachPipeline(client: PoolClient): void {
  const pipeline = pipelines.get(client);
  if (!pipeline) return;
  pipelines.delete(client);
  // The client's query as it was.
  const own = ownQueries.get(client);
  ownQueries.delete(client);
  if (own) client.query = own;
  else delete (client as { query?: unknown }).query;
  pipeline.discard();
}

/** The socket of a connection, as COPY data is written to it. */
export interface CopyStream {
  cork(): void;
  uncork(): void;
  write(bytes: Uint8Array): unknown;
  destroy(error?: Error): unknown;
}

const COPY_DATA = 0x64;

/**
 * Writes `piece` (lines of a COPY's data) as one CopyData message: its
 * header, then its bytes as they are, neither copied into another buffer.
 * Nothing for an empty piece.
 */
export function writeCopyData(stream: CopyStream, piece: string | Uint8Array): void {
  if (piece.length === 0) return;
  const bytes = typeof piece === 'string' ? Buffer.from(piece) : piece;
  const header = Buffer.allocUnsafe(5);
  header[0] = COPY_DATA;
  header.writeUInt32BE(bytes.length + 4, 1);
  stream.write(header);
  stream.write(bytes);
}

/** node-postgres's Result as its queries build it, from the server's messages. */
interface ResultBuilder extends QueryResult {
  addFields(fields: unknown[]): void;
  parseRow(values: unknown[]): QueryResultRow;
  addRow(row: QueryResultRow): void;
  addCommandComplete(message: { text: string }): void;
}

/** The parts of node-postgres's connection a pipeline writes with. */
interface Wire {
  stream: CopyStream;
  parsedStatements: Record<string, string>;
  submittedNamedStatements: Record<string, string>;
  parse(query: { text: string; name?: string }): void;
  bind(config: { statement?: string; values?: readonly unknown[]; valueMapper?: (value: unknown) => unknown }): void;
  describe(message: { type: 'P'; name: string }): void;
  execute(config: Record<string, never>): void;
  endCopyFrom(): void;
  sync(): void;
  on(event: 'parseComplete', listener: () => void): void;
  off(event: 'parseComplete', listener: () => void): void;
}

/**
 * Statements sent to the server at once, in one write, ending with one Sync:
 * node-postgres hands the server's answers to it until the ReadyForQuery
 * that ends them. Named statements the connection has not prepared yet are
 * parsed first, and counted as prepared once their ParseComplete arrives
 * (as node-postgres counts its own).
 */
class PipelinedStatements implements Submittable {
  private index = 0;
  private readonly results: ResultBuilder[];
  private error: Error | undefined;
  /** Names of the statements parsed by this pipeline, in order ('' for an unnamed one), until their ParseComplete. */
  private readonly parsing: string[] = [];
  private wire: Wire | undefined;
  /** Its outcome has reached its statements: the server's ReadyForQuery after an error, say, changes nothing. */
  private settled = false;
  private readonly parsed = (): void => this.onParsed();

  constructor(private readonly statements: Pending[]) {
    this.results = statements.map(() => new pg.Result(undefined as unknown as string, undefined as unknown as typeof pg.types) as unknown as ResultBuilder);
  }

  /** What it runs, as node-postgres names a query in its errors and as a log would show it: the statements joined by `; `. */
  get text(): string {
    return this.statements.map(({ statement }) => statement.text).join('; ');
  }

  submit(connection: pg.Connection): void {
    const wire = connection as unknown as Wire;
    this.wire = wire;
    wire.on('parseComplete', this.parsed);
    wire.stream.cork();
    try {
      for (const { statement } of this.statements) this.write(wire, statement);
      wire.sync();
    } catch (error) {
      // Part of a message may be written: the connection can no longer be read in step. Closing it fails
      // this round trip (node-postgres errors its queries), and the pool makes a new one.
      this.error = error as Error;
      wire.stream.destroy(error as Error);
    } finally {
      wire.stream.uncork();
    }
  }

  private write(wire: Wire, { text, values, name, copy }: Statement): void {
    if (name === undefined) {
      wire.parse({ text });
      this.parsing.push('');
    } else if (wire.parsedStatements[name] === undefined && wire.submittedNamedStatements[name] === undefined) {
      wire.parse({ text, name });
      wire.submittedNamedStatements[name] = text;
      this.parsing.push(name);
    }
    wire.bind({ statement: name ?? '', values: values ?? [], valueMapper: prepareValue });
    if (!copy) wire.describe({ type: 'P', name: '' });
    wire.execute({});
    if (!copy) return;
    // The data follows the Execute at once: the server reads it as the COPY's once it carries the Execute out.
    for (const piece of copy) writeCopyData(wire.stream, piece);
    wire.endCopyFrom();
  }

  private onParsed(): void {
    const name = this.parsing.shift();
    if (!name || !this.wire) return;
    this.wire.parsedStatements[name] = this.wire.submittedNamedStatements[name] as string;
    delete this.wire.submittedNamedStatements[name];
  }

  /** Called once settled: node-postgres wraps it with its query_timeout's timer. The outcome goes to each statement's promise. */
  callback(_error: Error | null): void {}

  handleRowDescription(message: { fields: unknown[] }): void {
    this.results[this.index]?.addFields(message.fields);
  }

  handleDataRow(message: { fields: unknown[] }): void {
    const result = this.results[this.index];
    result?.addRow(result.parseRow(message.fields));
  }

  handleCommandComplete(message: { text: string }): void {
    this.results[this.index]?.addCommandComplete(message);
    this.index++;
  }

  handleEmptyQuery(): void {
    this.index++;
  }

  handleCopyInResponse(): void {}

  handleCopyData(): void {}

  handlePortalSuspended(): void {}

  handleError(error: Error): void {
    this.error ??= error;
    this.settle();
  }

  handleReadyForQuery(): void {
    this.settle();
  }

  /**
   * Hands the outcome to each statement, once. It may never have been sent:
   * node-postgres fails a query given to a connection that has broken (or
   * one queued when it breaks) without submitting it, and its statements
   * must fail then too, or the transaction waiting on them waits for ever.
   */
  private settle(): void {
    if (this.settled) return;
    this.settled = true;
    if (this.wire) {
      this.wire.off('parseComplete', this.parsed);
      // A statement the server skipped after an error was not prepared: it is parsed again next time.
      for (const name of this.parsing) if (name) delete this.wire.submittedNamedStatements[name];
      this.parsing.length = 0;
      this.wire = undefined;
    }
    this.callback(this.error ?? null);
    this.statements.forEach(({ resolve, reject }, index) => {
      if (this.error) reject(this.error);
      else resolve(this.results[index] as QueryResult);
    });
  }
}
