/**
 * The ports `npm start` listens on, and what the operator is told when one
 * is taken: which port, which setting names it, what to do. A sentence and
 * exit code 1 rather than Node's stack trace of `EADDRINUSE`.
 */
import { createServer } from 'node:net';
import type { SettingName } from '@lifestone/lib/config';

/** A port `npm start` opens, with the setting that chooses it and what listens there. */
export interface ServicePort {
  setting: SettingName;
  port: number;
  /** What listens there, for the message: "the gateway", "the telemetry subgraph". */
  service: string;
}

/** A port of `npm start` cannot be opened; `message` says which and what to do. */
export class PortUnavailableError extends Error {
  constructor(readonly servicePort: ServicePort, message: string) {
    super(message);
    this.name = 'PortUnavailableError';
  }
}

/** The {@link PortUnavailableError} a listen error means, if it is one (`EADDRINUSE`, `EACCES`); `undefined` otherwise. */
export function portError(error: unknown, servicePort: ServicePort): PortUnavailableError | undefined {
  const { setting, port, service } = servicePort;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EADDRINUSE') return new PortUnavailableError(servicePort, `port ${port} is in use (${setting}, ${service}): stop what uses it, or set ${setting} to a free port.`);
  if (code === 'EACCES') return new PortUnavailableError(servicePort, `port ${port} needs privileges this user lacks (${setting}, ${service}): set ${setting} to a port above 1023.`);
  return undefined;
}

/** Runs `start` (which listens on `servicePort`), turning a taken port into a {@link PortUnavailableError}. */
export async function listening<T>(servicePort: ServicePort, start: () => Promise<T>): Promise<T> {
  try {
    return await start();
  } catch (error) {
    throw portError(error, servicePort) ?? error;
  }
}

/**
 * Checks, before anything starts, that every port is free on `host` and
 * that no two settings name the same one (port 0, a free port each time,
 * is skipped). Throws a {@link PortUnavailableError} whose message names
 * every taken port, one a line, so that one run shows them all. Another
 * program may still take one before its service listens, which
 * {@link listening} reports the same way.
 */
export async function requireFreePorts(host: string, ports: readonly ServicePort[]): Promise<void> {
  const problems: PortUnavailableError[] = [];
  const seen = new Map<number, ServicePort>();
  for (const servicePort of ports) {
    if (servicePort.port === 0) continue;
    const earlier = seen.get(servicePort.port);
    if (earlier) {
      problems.push(new PortUnavailableError(servicePort, `${earlier.setting} and ${servicePort.setting} are both ${servicePort.port}: give ${servicePort.service} a port of its own (set ${servicePort.setting}).`));
      continue;
    }
    seen.set(servicePort.port, servicePort);
    const problem = await new Promise<PortUnavailableError | undefined>((resolve, reject) => {
      const probe = createServer();
      probe.once('error', (error) => {
        const refusal = portError(error, servicePort);
        if (refusal) resolve(refusal);
        else reject(error);
      });
      probe.listen(servicePort.port, host, () => probe.close(() => resolve(undefined)));
    });
    if (problem) problems.push(problem);
  }
  const [first] = problems;
  if (!first) return;
  const messages = problems.map((problem) => problem.message);
  // Every port taken is most often this very program, started before.
  if (problems.length === seen.size && seen.size > 1) messages.push('Every port is in use: is Lifestone already running (another npm start)?');
  throw new PortUnavailableError(first.servicePort, messages.join('\n'));
}
