/*
 * OpenTelemetry for the backend, loaded before anything else with `node --require` (see
 * docs/observability.md). Backstage's own packages and ours report through the OpenTelemetry
 * API (the scheduler's task runs, the catalog, the webhook queue, the database pools); the HTTP
 * and Express instrumentations add request rate, latency and errors per route. Everything is
 * served in Prometheus' text format on a port of its own (9464), never on the backend's port,
 * so the public routes stay behind Backstage's credentials and the scrape stays inside the
 * cluster (the NetworkPolicy lets only the monitoring namespace reach it).
 *
 * Settings (environment): PORTAL_METRICS=off turns it off; OTEL_EXPORTER_PROMETHEUS_HOST and
 * OTEL_EXPORTER_PROMETHEUS_PORT say where to listen (127.0.0.1:9464 unless set; the Kubernetes
 * deployment sets 0.0.0.0).
 */
const { isMainThread } = require('node:worker_threads');

// Worker threads (the catalog's, TechDocs') load this file too; one exporter per process.
if (isMainThread && process.env.PORTAL_METRICS !== 'off') {
  const { NodeSDK } = require('@opentelemetry/sdk-node');
  const { PrometheusExporter } = require('@opentelemetry/exporter-prometheus');
  const {
    HttpInstrumentation,
  } = require('@opentelemetry/instrumentation-http');
  const {
    ExpressInstrumentation,
  } = require('@opentelemetry/instrumentation-express');

  // Metrics only: traces and logs would need a collector to send them to; whoever runs one
  // sets OTEL_TRACES_EXPORTER / OTEL_LOGS_EXPORTER (the SDK would otherwise try localhost:4318).
  process.env.OTEL_TRACES_EXPORTER ??= 'none';
  process.env.OTEL_LOGS_EXPORTER ??= 'none';

  const exporter = new PrometheusExporter({
    host: process.env.OTEL_EXPORTER_PROMETHEUS_HOST || '127.0.0.1',
    port: Number(process.env.OTEL_EXPORTER_PROMETHEUS_PORT || 9464),
  });

  const sdk = new NodeSDK({
    serviceName: process.env.OTEL_SERVICE_NAME || 'developer-portal',
    metricReaders: [exporter],
    instrumentations: [
      new HttpInstrumentation({
        // The health probes run every few seconds on every replica; they are not traffic.
        ignoreIncomingRequestHook: request =>
          (request.url ?? '').startsWith('/.backstage/health/'),
      }),
      new ExpressInstrumentation(),
    ],
  });
  sdk.start();
}
