import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { subgraphManifest, SUBGRAPH_NAMES } from '@lifestone/lib/graph';
import { findBinary } from '../e2e/scale-out/services.js';

/**
 * The rules that let `docker compose up --scale <service>=N` run, checked on
 * the files themselves (no Docker engine needed): replicas have neither a
 * fixed name nor a host port, the balancer's upstreams are services that
 * exist on the ports they listen on, and every service URL names a service.
 */

interface ComposeService {
  image?: string;
  container_name?: string;
  ports?: string[];
  volumes?: string[];
  environment?: Record<string, string | number>;
  depends_on?: Record<string, unknown>;
  profiles?: string[];
}
const compose = parse(readFileSync(new URL('../docker-compose.yml', import.meta.url), 'utf8'), { merge: true }) as { services: Record<string, ComposeService> };
const services = compose.services;
const configPath = new URL('./haproxy/haproxy.cfg', import.meta.url).pathname;
const haproxyConfig = readFileSync(configPath, 'utf8');

/** The services that run as many replicas as `--scale` asks. */
const SCALED = ['ingest', 'gateway', ...SUBGRAPH_NAMES];

/** `server-template <prefix> <count> "${VAR-host:port}"` lines of a backend, as [host, port] of the default. */
function upstreams(backend: string): { host: string; port: number; slots: number }[] {
  const section = haproxyConfig.split(/^(?=backend |frontend |resolvers |defaults|global)/m).find((text) => text.startsWith(`backend ${backend}\n`)) ?? '';
  return [...section.matchAll(/^\s*server-template \S+ (\d+) "\$\{[A-Z_]+-([a-z]+):(\d+)\}"/gm)].map((match) => ({ slots: Number(match[1]), host: match[2] as string, port: Number(match[3]) }));
}

/** Seconds of an HAProxy timeout line in `defaults` (`timeout <name> <n>s|m|h`). */
function timeoutSeconds(name: string): number {
  const match = new RegExp(`^\\s*timeout ${name} (\\d+)(s|m|h)$`, 'm').exec(haproxyConfig);
  if (!match) return 0;
  return Number(match[1]) * { s: 1, m: 60, h: 3600 }[match[2] as 's' | 'm' | 'h'];
}

describe('docker-compose.yml with --scale', () => {
  it('gives the scaled services no container name and no host port', () => {
    for (const name of SCALED) {
      expect(services[name], name).toBeDefined();
      expect(services[name]?.container_name, name).toBeUndefined();
      expect(services[name]?.ports, name).toBeUndefined();
    }
  });

  it('publishes only the balancer: the gateway and ingest ports, from ops/haproxy/haproxy.cfg', () => {
    const published = Object.entries(services).filter(([, service]) => service.ports).map(([name, service]) => [name, service.ports]);
    expect(published).toEqual([['balancer', ['4000:4000', '4100:4100']]]);
    const balancer = services.balancer as ComposeService;
    expect(balancer.image).toMatch(/^haproxy:\d/);
    expect(balancer.volumes).toEqual(['./ops/haproxy/haproxy.cfg:/usr/local/etc/haproxy/haproxy.cfg:ro']);
    expect(Object.keys(balancer.depends_on ?? {}).sort()).toEqual(['gateway', 'ingest']);
  });

  it('balances onto services that exist, on the ports they listen on', () => {
    expect(upstreams('gateways')).toEqual([{ host: 'gateway', port: 4000, slots: 10 }]);
    expect(upstreams('ingests')).toEqual([{ host: 'ingest', port: 4100, slots: 10 }]);
    // Each frontend sends to a backend the file defines.
    const frontends = [...haproxyConfig.matchAll(/^frontend (\S+)\n(?:(?!^\S).*\n)*?\s*default_backend (\S+)$/gm)].map((match) => [match[1], match[2]]);
    expect(frontends).toEqual([['gateway', 'gateways'], ['ingest', 'ingests']]);
    expect(haproxyConfig).toMatch(/bind "\$\{LIFESTONE_LB_GATEWAY_BIND-:4000\}"/);
    expect(haproxyConfig).toMatch(/bind "\$\{LIFESTONE_LB_INGEST_BIND-:4100\}"/);
  });

  it('keeps upgraded WebSockets open for an hour of silence and re-resolves replicas every second', () => {
    expect(timeoutSeconds('tunnel')).toBe(3600);
    expect(timeoutSeconds('client')).toBeGreaterThanOrEqual(60);
    expect(timeoutSeconds('server')).toBeGreaterThanOrEqual(60);
    expect(haproxyConfig).toMatch(/^\s*timeout resolve 1s$/m);
    expect(haproxyConfig).toMatch(/nameserver dns "\$\{LIFESTONE_LB_DNS-127\.0\.0\.11:53\}"/);
  });

  it('names only existing services in service URLs, on their ports', () => {
    const urls = Object.entries(services).flatMap(([name, service]) =>
      Object.entries(service.environment ?? {}).flatMap(([key, value]) => {
        const match = /^https?:\/\/([a-z]+):(\d+)\//.exec(String(value));
        return match ? [{ from: name, key, host: match[1] as string, port: Number(match[2]) }] : [];
      }));
    expect(urls.length).toBeGreaterThanOrEqual(6);
    for (const url of urls) expect(Object.keys(services), `${url.from} ${url.key}`).toContain(url.host);
    const gateway = services.gateway?.environment ?? {};
    for (const name of SUBGRAPH_NAMES) expect(gateway[`LIFESTONE_${name.toUpperCase()}_URL`]).toBe(`http://${name}:${subgraphManifest(name).defaultPort}/graphql`);
    // Clients of the graph go through the balancer, so that any gateway answers them.
    expect(services.assistant?.environment?.LIFESTONE_ASSISTANT_GATEWAY_URL).toBe('http://balancer:4000/graphql');
    expect(services.discord?.environment?.LIFESTONE_GRAPHQL_URL).toBe('http://balancer:4000/graphql');
    expect(gateway.LIFESTONE_TRUSTED_PROXIES).toBe('1');
  });

  it('passes the OpenTelemetry settings to every service that records traces', () => {
    for (const name of SCALED) {
      const environment = services[name]?.environment ?? {};
      expect(environment, name).toHaveProperty('OTEL_EXPORTER_OTLP_ENDPOINT', '${OTEL_EXPORTER_OTLP_ENDPOINT:-}');
      expect(environment, name).toHaveProperty('OTEL_TRACES_SAMPLER_ARG', '${OTEL_TRACES_SAMPLER_ARG:-1}');
    }
  });

  it('scrapes every replica: Prometheus discovers each scaled service by DNS', () => {
    const prometheus = parse(readFileSync(new URL('./prometheus.yml', import.meta.url), 'utf8')) as { scrape_configs: { dns_sd_configs: { names: string[]; port: number }[] }[] };
    const scraped = prometheus.scrape_configs.flatMap((job) => job.dns_sd_configs.map((sd) => `${sd.names.join()}:${sd.port}`));
    expect(scraped.sort()).toEqual(['gateway:4000', 'ingest:4100', ...SUBGRAPH_NAMES.map((name) => `${name}:${subgraphManifest(name).defaultPort}`)].sort());
  });

  const haproxy = findBinary('haproxy');
  it.skipIf(!haproxy)('is a configuration HAProxy accepts (haproxy -c; skipped without the haproxy binary: apt-get install haproxy)', async () => {
    const { stdout } = await promisify(execFile)(haproxy as string, ['-c', '-f', configPath]);
    expect(stdout.trim()).toBe('Configuration file is valid');
  });
});
