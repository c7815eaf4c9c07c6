import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestIngest, type TestIngest } from '@lifestone/test-kit/ingest';
import { startTestStack, type TestStack } from '@lifestone/test-kit/stack';
import { tinySubgraph } from './tiny-subgraph.js';

const TOKEN = 'scraper-token';

let stack: TestStack;
let ingest: TestIngest;
beforeAll(async () => {
  stack = await startTestStack({ modules: [tinySubgraph()], metricsToken: TOKEN });
  ingest = await startTestIngest({ metricsToken: TOKEN });
});
afterAll(async () => {
  await stack?.close();
  await ingest?.close();
});

describe('/metrics with LIFESTONE_METRICS_TOKEN set', () => {
  it('answers 401 without the token or with another, on the gateway and on ingest', async () => {
    for (const base of [new URL(stack.url).origin, ingest.ingest.url]) {
      for (const headers of [{}, { authorization: 'Bearer wrong' }, { authorization: TOKEN }] as Array<Record<string, string>>) {
        const response = await fetch(`${base}/metrics`, { headers });
        expect(response.status, base).toBe(401);
        expect(await response.json()).toEqual({ code: 'UNAUTHENTICATED', message: 'Metrics need `Authorization: Bearer <LIFESTONE_METRICS_TOKEN>`.' });
      }
    }
  });

  it('answers the scraper that sends it', async () => {
    for (const base of [new URL(stack.url).origin, ingest.ingest.url]) {
      const response = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(response.status, base).toBe(200);
      expect(await response.text()).toMatch(/^# HELP lifestone_/m);
    }
  });
});
