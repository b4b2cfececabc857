import assert from 'node:assert/strict';
import { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createApp } from './app.js';
import { createLogger } from './logger.js';
import { createMetrics } from './metrics.js';

describe(${{ (values.name + ' HTTP service') | dump }}, () => {
  const lines: string[] = [];
  let ready = true;
  const server = createApp({
    name: ${{ values.name | dump }},
    logger: createLogger(${{ values.name | dump }}, 'info', line => lines.push(line)),
    metrics: createMetrics(),
    ready: async () => {
      if (!ready) throw new Error('database down');
    },
  });
  let base = '';

  before(async () => {
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>(resolve => server.close(() => resolve())));

  it('answers the liveness probe', async () => {
    const res = await fetch(`${base}/healthz`);
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { status: 'ok' });
  });

  it('reports not ready while a dependency is down', async () => {
    ready = false;
    assert.equal((await fetch(`${base}/readyz`)).status, 503);
    ready = true;
    assert.equal((await fetch(`${base}/readyz`)).status, 200);
  });

  it('serves the API and logs each request as one JSON line', async () => {
    const res = await fetch(`${base}/`);
    assert.equal(res.status, 200);
    assert.equal(((await res.json()) as { service: string }).service, ${{ values.name | dump }});
    const entry = JSON.parse(lines.at(-1) ?? '{}');
    assert.equal(entry.msg, 'request');
    assert.equal(entry.status, 200);
    assert.equal(entry.service, ${{ values.name | dump }});
  });

  it('answers 404 for unknown routes', async () => {
    assert.equal((await fetch(`${base}/nope`)).status, 404);
  });

  it('exposes Prometheus metrics that count requests', async () => {
    const text = await (await fetch(`${base}/metrics`)).text();
    assert.match(text, /http_requests_total\{method="GET",route="\/",status="200"\} 1/);
    assert.match(text, /process_cpu_seconds_total/);
  });
});
