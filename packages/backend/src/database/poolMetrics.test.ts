import { metrics } from '@opentelemetry/api';
import {
  AggregationTemporality,
  DataPoint,
  MeterProvider,
  MetricReader,
} from '@opentelemetry/sdk-metrics';
import { createPostgresTestDatabases } from '@internal/test-databases';
import { observePool } from './poolMetrics';

const databases = createPostgresTestDatabases();

/** A reader that collects on demand, as a Prometheus scrape does. */
class ScrapeReader extends MetricReader {
  constructor() {
    super({
      aggregationTemporalitySelector: () => AggregationTemporality.CUMULATIVE,
    });
  }
  protected async onForceFlush() {}
  protected async onShutdown() {}
}

describe.each(databases.eachSupportedId())('observePool, %p', databaseId => {
  const reader = new ScrapeReader();

  beforeAll(() => {
    metrics.setGlobalMeterProvider(new MeterProvider({ readers: [reader] }));
  });
  afterAll(() => metrics.disable());

  async function scrape() {
    const { resourceMetrics } = await reader.collect();
    const points = resourceMetrics.scopeMetrics
      .flatMap(scope => scope.metrics)
      .filter(m => m.descriptor.name === 'portal.database.pool.connections')
      .flatMap(m => m.dataPoints as DataPoint<number>[]);
    return Object.fromEntries(
      points.map(p => [
        `${p.attributes.plugin}/${p.attributes.state}`,
        p.value,
      ]),
    );
  }

  it('reports used, free and pending connections per plugin at each scrape', async () => {
    const roi = await databases.init(databaseId);
    const insights = await databases.init(databaseId);
    observePool('roi', roi);
    observePool('insights', insights);

    // Hold every connection roi's pool may open (its max), then ask for one more.
    const max = (roi.client as any).pool.max as number;
    const held = await Promise.all(
      Array.from({ length: max }, () => roi.client.acquireConnection()),
    );
    const waiting = roi.client.acquireConnection();
    await new Promise(resolve => setTimeout(resolve, 50));

    const busy = await scrape();
    expect(busy['roi/used']).toBe(max);
    expect(busy['roi/free']).toBe(0);
    expect(busy['roi/pending']).toBe(1);
    expect(busy['insights/pending']).toBe(0);

    for (const connection of held) roi.client.releaseConnection(connection);
    roi.client.releaseConnection(await waiting);

    const idle = await scrape();
    expect(idle['roi/used']).toBe(0);
    expect(idle['roi/free']).toBe(max);
    expect(idle['roi/pending']).toBe(0);
  });
});
