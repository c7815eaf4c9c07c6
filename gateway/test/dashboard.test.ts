import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { get } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '@lifestone/test-kit/stack';
import { tinySubgraph } from './tiny-subgraph.js';

/** The eight-byte PNG signature stands in for a map of Dereth. */
const MAP_IMAGE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

let stack: TestStack;
let dashboard: string;
let base: string;
beforeAll(async () => {
  dashboard = await mkdtemp(path.join(tmpdir(), 'lifestone-dashboard-'));
  await mkdir(path.join(dashboard, 'assets'));
  await writeFile(path.join(dashboard, 'index.html'), '<!doctype html><title>Lifestone dashboard</title>');
  await writeFile(path.join(dashboard, 'assets', 'app-1a2b.js'), 'console.log("map")');
  await writeFile(path.join(dashboard, 'dereth.png'), MAP_IMAGE);
  stack = await startTestStack({ modules: [tinySubgraph({ mapImage: path.join(dashboard, 'dereth.png') })], dashboardDir: dashboard });
  base = stack.url.replace(/\/graphql$/, '');
});
afterAll(async () => {
  await stack?.close();
  await rm(dashboard, { recursive: true, force: true });
});

/** GET with the path sent exactly as given. */
function rawGet(pathAsSent: string): Promise<{ status: number | undefined; body: string }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    get({ hostname, port, path: pathAsSent }, (response) => {
      let body = '';
      response.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode, body }));
    }).on('error', reject);
  });
}

describe('the built dashboard at /', () => {
  it('serves index.html at / and for the dashboard routes, fresh every time', async () => {
    for (const route of ['/', '/map', '/inventory/Sir%20Larsson']) {
      const response = await fetch(`${base}${route}`);
      expect(response.status, route).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(await response.text()).toBe('<!doctype html><title>Lifestone dashboard</title>');
    }
  });

  it('serves fingerprinted assets with their type, cached for good', async () => {
    const response = await fetch(`${base}/assets/app-1a2b.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await response.text()).toBe('console.log("map")');
  });

  it('serves nothing outside its folder, and no missing file', async () => {
    expect((await fetch(`${base}/assets/missing.js`)).status).toBe(404);
    // Sent as they are (fetch would normalise the dots away). Plain dots are a dashboard route like any other.
    expect(await rawGet('/../../etc/passwd')).toEqual({ status: 200, body: '<!doctype html><title>Lifestone dashboard</title>' });
    for (const traversal of ['/..%2f..%2fetc%2fpasswd', '/assets/..%2f..%2f..%2fetc%2fpasswd', '/%2e%2e%2f%2e%2e%2fetc%2fpasswd']) {
      expect((await rawGet(traversal)).status, traversal).toBe(404);
    }
    expect((await fetch(`${base}/assets/app-1a2b.js`, { method: 'POST' })).status).toBe(404);
  });
});

describe('the operator map image at /map/image', () => {
  it('serves the configured file as an image, to anyone (it is part of the page)', async () => {
    const response = await fetch(`${base}/map/image`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await response.arrayBuffer())).toEqual(MAP_IMAGE);
    expect((await fetch(`${base}/map/image`, { method: 'HEAD' })).headers.get('content-length')).toBe('8');
    expect((await stack.graphql('{ mapImage }', undefined, { cookie: stack.adminCookie })).body).toEqual({ data: { mapImage: '/map/image' } });
  });

  it('answers 404 with the setting to use when none is configured', async () => {
    const bare = await startTestStack({ modules: [tinySubgraph()] });
    try {
      const response = await fetch(bare.url.replace(/\/graphql$/, '/map/image'));
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ status: 'not found', message: 'No map image is configured (LIFESTONE_MAP_IMAGE).' });
      // The graph says so first: the dashboard does not ask for the image.
      expect((await bare.graphql('{ mapImage }', undefined, { cookie: bare.adminCookie })).body).toEqual({ data: { mapImage: null } });
    } finally {
      await bare.close();
    }
  });
});
