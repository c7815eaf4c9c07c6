/**
 * The load balancer of docker-compose.yml (ops/haproxy/haproxy.cfg, the very
 * file) run by the machine's `haproxy` on loopback, and a DNS server standing
 * in for Docker's: it answers a service name with the addresses of its
 * replicas, which the test changes as `--scale` would.
 */
import { spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import dnsPacket from 'dns-packet';
import { freePort } from '@lifestone/lib/db';
import { findBinary } from '../scale-out/services.js';

const CONFIG = fileURLToPath(new URL('../../ops/haproxy/haproxy.cfg', import.meta.url));

/** A DNS server on loopback answering A queries from {@link ServiceDns.replicas}. */
export interface ServiceDns {
  /** `host:port` to give a resolver. */
  address: string;
  /** The addresses each name resolves to; a name missing here is answered NXDOMAIN. */
  replicas: Map<string, string[]>;
  close(): Promise<void>;
}

/** Starts the DNS stand-in on a free loopback UDP port. */
export async function startServiceDns(): Promise<ServiceDns> {
  const socket = createSocket('udp4');
  const replicas = new Map<string, string[]>();
  socket.on('message', (message, from) => {
    const query = dnsPacket.decode(message);
    const question = query.questions?.[0];
    const addresses = question ? replicas.get(question.name) : undefined;
    const answer = dnsPacket.encode({
      type: 'response',
      id: query.id,
      flags: dnsPacket.RECURSION_DESIRED | dnsPacket.RECURSION_AVAILABLE | (addresses ? 0 : NXDOMAIN),
      questions: query.questions,
      answers: question?.type === 'A' ? (addresses ?? []).map((data) => ({ type: 'A', name: question.name, ttl: 0, data })) : [],
    });
    socket.send(answer, from.port, from.address);
  });
  const port = await freePort();
  await new Promise<void>((resolve) => socket.bind(port, '127.0.0.1', resolve));
  return { address: `127.0.0.1:${port}`, replicas, close: () => new Promise((resolve) => socket.close(() => resolve())) };
}
/** The rcode of a name that does not exist, in the flags' low bits. */
const NXDOMAIN = 3;

/** The machine's haproxy, or undefined (Debian: apt-get install haproxy). */
export const haproxyBinary = findBinary('haproxy');

export interface Balancer {
  /** The gateways' door: `http://127.0.0.1:<port>`. */
  gatewayBase: string;
  /** The ingests' door. */
  ingestBase: string;
  /** What haproxy wrote (its request log), for a failure's message. */
  output: string[];
  stop(): Promise<void>;
}

/**
 * Runs ops/haproxy/haproxy.cfg with the gateways at `gateway:<gatewayPort>`
 * and the ingests at `ingest:<ingestPort>`, those names resolved by `dns`.
 * `clientTimeoutS` replaces its `timeout client` (everything else as shipped),
 * so that a test can outlast it without waiting a whole minute.
 */
export async function startBalancer(dns: ServiceDns, gatewayPort: number, ingestPort: number, clientTimeoutS?: number): Promise<Balancer> {
  const [gatewayDoor, ingestDoor] = [await freePort(), await freePort()];
  const config = clientTimeoutS === undefined ? CONFIG : await configWithClientTimeout(clientTimeoutS);
  const child = spawn(haproxyBinary as string, ['-db', '-f', config], {
    env: {
      PATH: process.env.PATH ?? '',
      LIFESTONE_LB_DNS: dns.address,
      // Within a test machine's descriptor limit (compose raises the balancer's).
      LIFESTONE_LB_MAXCONN: '4000',
      LIFESTONE_LB_GATEWAY_BIND: `127.0.0.1:${gatewayDoor}`,
      LIFESTONE_LB_INGEST_BIND: `127.0.0.1:${ingestDoor}`,
      LIFESTONE_LB_GATEWAY_SERVICE: `gateway:${gatewayPort}`,
      LIFESTONE_LB_INGEST_SERVICE: `ingest:${ingestPort}`,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const keep = (chunk: Buffer): void => {
    output.push(chunk.toString('utf8'));
    if (output.length > 500) output.shift();
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const killOnExit = (): void => void child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const gatewayBase = `http://127.0.0.1:${gatewayDoor}`;
  for (const started = Date.now(); ; ) {
    if (child.exitCode !== null) throw new Error(`haproxy exited at start:\n${output.join('')}`);
    if (await fetch(`${gatewayBase}/healthz`).then((response) => response.ok, () => false)) break;
    if (Date.now() - started > 20_000) throw new Error(`no gateway answered through haproxy within 20 s:\n${output.join('')}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    gatewayBase,
    ingestBase: `http://127.0.0.1:${ingestDoor}`,
    output,
    async stop() {
      process.off('exit', killOnExit);
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
      if (config !== CONFIG) await rm(path.dirname(config), { recursive: true, force: true });
    },
  };
}

/** A copy of the shipped config in a temporary folder, its `timeout client` line set to `seconds`. */
async function configWithClientTimeout(seconds: number): Promise<string> {
  const shipped = await readFile(CONFIG, 'utf8');
  const line = /^(\s*timeout client )\d+[smh]$/m;
  if (!line.test(shipped)) throw new Error(`${CONFIG} has no "timeout client" line to replace`);
  const folder = await mkdtemp(path.join(os.tmpdir(), 'lifestone-haproxy-'));
  const copy = path.join(folder, 'haproxy.cfg');
  await writeFile(copy, shipped.replace(line, (_, start: string) => `${start}${seconds}s`));
  return copy;
}
