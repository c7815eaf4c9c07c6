import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectPlugin } from '@lifestone/test-kit/plugin';
import { startTestIngest, TEST_SECRET, type TestIngest } from '@lifestone/test-kit/ingest';

let stack: TestIngest;
beforeAll(async () => {
  stack = await startTestIngest();
});
afterAll(async () => {
  await stack.close();
});

/** The HTTP answer to a WebSocket upgrade, read raw. */
function upgradeAnswer(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const request = http.get(url.replace('ws://', 'http://'), {
      headers: { connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-version': '13', 'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==', ...headers },
    });
    request.on('response', (response) => {
      let text = '';
      response.on('data', (chunk) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) }));
    });
    request.on('upgrade', () => reject(new Error('upgrade was accepted')));
    request.on('error', reject);
  });
}

describe('plugin authentication', () => {
  it('accepts the secret in the X-Plugin-Secret header or ?secret=', async () => {
    const byHeader = await connectPlugin(stack.ingest.pluginUrl, TEST_SECRET);
    const byQuery = await connectPlugin(`${stack.ingest.pluginUrl}?secret=${TEST_SECRET}`);
    await byHeader.close();
    await byQuery.close();
  });

  it('refuses a wrong or missing secret at the upgrade with HTTP 401 and a reason', async () => {
    await expect(connectPlugin(stack.ingest.pluginUrl, 'wrong')).rejects.toThrow('refused with HTTP 401');
    await expect(connectPlugin(stack.ingest.pluginUrl)).rejects.toThrow('refused with HTTP 401');
    await expect(connectPlugin(`${stack.ingest.pluginUrl}?secret=${TEST_SECRET}x`)).rejects.toThrow('refused with HTTP 401');
    expect(await upgradeAnswer(stack.ingest.pluginUrl, { 'x-plugin-secret': 'wrong' })).toEqual({
      status: 401,
      body: { code: 'UNAUTHORIZED', message: 'Wrong or missing plugin credentials: send a plugin key in the X-Plugin-Key header or ?key=, or the shared secret in the X-Plugin-Secret header or ?secret=.' },
    });
  });

  it('refuses every plugin without a key when no secret is configured', async () => {
    const open = await startTestIngest({ pluginSecret: undefined });
    try {
      await expect(connectPlugin(open.ingest.pluginUrl, '')).rejects.toThrow('refused with HTTP 401');
      await expect(connectPlugin(open.ingest.pluginUrl, 'anything')).rejects.toThrow('refused with HTTP 401');
      expect((await upgradeAnswer(open.ingest.pluginUrl)).body).toMatchObject({ code: 'UNAUTHORIZED', message: expect.stringContaining('LIFESTONE_PLUGIN_SECRET') });
    } finally {
      await open.close();
    }
  });

  it('serves /healthz and Prometheus /metrics', async () => {
    const health = await fetch(`${stack.ingest.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', database: 'ok', pubsub: 'ok', plugins: 0, decodePending: 0, queueDepth: 0, publishOutbox: 0 });
    const metrics = await (await fetch(`${stack.ingest.url}/metrics`)).text();
    for (const name of ['lifestone_frames_accepted_total', 'lifestone_frames_refused_total', 'lifestone_batch_size', 'lifestone_queue_depth',
      'lifestone_write_latency_seconds', 'lifestone_connected_plugins', 'lifestone_decode_pending', 'lifestone_backpressure']) {
      expect(metrics).toContain(`# TYPE ${name} `);
    }
  });
});
