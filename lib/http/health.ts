import type { ServerResponse } from 'node:http';
import type pg from 'pg';

/** How a dependency is doing, as `/healthz` names it. */
export type DependencyStatus = 'ok' | 'down';

/**
 * What `/healthz` answers: `ok` (200) when every dependency is, `degraded`
 * (503) when one is down (the body names it), `stopping` (503) while the
 * service shuts down. A load balancer prefers replicas that answer 200.
 */
export interface HealthReport {
  status: 'ok' | 'degraded' | 'stopping';
  [member: string]: unknown;
}

/** How long a database check's answer is reused: `/healthz` costs one query a second at most, however often it is asked. */
const DATABASE_CHECK_REUSE_MS = 1_000;
/** How long a database check may take before the database counts as down. */
const DATABASE_CHECK_TIMEOUT_MS = 1_000;

/**
 * A check of the database for `/healthz`: `SELECT 1` through `pool`, at
 * most one at a time and one a second (callers in between get the last
 * answer), `down` when it fails or takes over 1 s (the pool busy that long
 * is as good as down to a caller).
 */
export function databaseCheck(pool: pg.Pool): () => Promise<DependencyStatus> {
  let last: { status: DependencyStatus; at: number } | undefined;
  let running: Promise<DependencyStatus> | undefined;
  const run = async (): Promise<DependencyStatus> => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<DependencyStatus>((resolve) => (timer = setTimeout(() => resolve('down'), DATABASE_CHECK_TIMEOUT_MS)));
    try {
      const status = await Promise.race([pool.query('SELECT 1').then((): DependencyStatus => 'ok', (): DependencyStatus => 'down'), timeout]);
      last = { status, at: performance.now() };
      return status;
    } finally {
      clearTimeout(timer);
      running = undefined;
    }
  };
  return () => {
    if (last && performance.now() - last.at < DATABASE_CHECK_REUSE_MS) return Promise.resolve(last.status);
    return (running ??= run());
  };
}

/**
 * The body and HTTP status of `/healthz` from the dependencies' states and
 * whatever else the service reports beside them (which never changes the
 * status).
 */
export function healthReport(dependencies: Record<string, DependencyStatus>, stopping: boolean, extra: Record<string, unknown> = {}): { httpStatus: 200 | 503; body: HealthReport } {
  const degraded = Object.values(dependencies).some((status) => status !== 'ok');
  const status = stopping ? 'stopping' : degraded ? 'degraded' : 'ok';
  return { httpStatus: status === 'ok' ? 200 : 503, body: { status, ...dependencies, ...extra } };
}

/** Answers a health check: the report as JSON, never cached. */
export function sendHealth(response: ServerResponse, report: { httpStatus: number; body: HealthReport }): void {
  const text = JSON.stringify(report.body);
  response.writeHead(report.httpStatus, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
  response.end(text);
}
