import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createSubgraphMetrics } from '../../lib/graph/metrics.js';
import { createIngestMetrics } from '../../ingest/src/metrics.js';
import { createGatewayMetrics } from '../../gateway/src/plugins/metrics.js';

interface Panel {
  id: number;
  title: string;
  datasource: { uid: string };
  targets: { expr: string }[];
}
const dashboard = JSON.parse(readFileSync(new URL('./lifestone.json', import.meta.url), 'utf8')) as { uid: string; panels: Panel[]; templating: { list: { name: string }[] } };

/** Every metric the services expose, by name, as Prometheus stores them (a histogram as its _bucket, _sum and _count series). */
async function exposed(): Promise<Set<string>> {
  const registries = [createIngestMetrics().registry, createGatewayMetrics().registry, createSubgraphMetrics('telemetry').registry];
  const names = new Set<string>();
  for (const registry of registries) {
    for (const metric of await registry.getMetricsAsJSON()) {
      names.add(metric.name);
      if (String(metric.type) === 'histogram') for (const suffix of ['_bucket', '_sum', '_count']) names.add(`${metric.name}${suffix}`);
    }
  }
  return names;
}

describe('the Grafana dashboard (ops/grafana/lifestone.json)', () => {
  it('asks only for metrics the services expose', async () => {
    const names = await exposed();
    const asked = dashboard.panels.flatMap((panel) => panel.targets.flatMap((target) => target.expr.match(/\blifestone_[a-z_]+/g) ?? []));
    expect(asked.length).toBeGreaterThan(10);
    expect(asked.filter((name) => !names.has(name))).toEqual([]);
  });

  it('has one Prometheus data source variable, used by every panel, and unique panel ids', () => {
    expect(dashboard.templating.list.map((variable) => variable.name)).toEqual(['datasource']);
    for (const panel of dashboard.panels) expect(panel.datasource.uid, panel.title).toBe('${datasource}');
    expect(new Set(dashboard.panels.map((panel) => panel.id)).size).toBe(dashboard.panels.length);
  });
});
