import { createHash } from 'node:crypto';
import { Document } from 'yaml';
import { ENVIRONMENTS } from '../parameters';
import {
  alreadyHas,
  CATALOG_INFO,
  describeChange,
  insertLike,
  mapAt,
  readCatalogInfo,
  readYaml,
  requireFile,
  requireSupportedTemplate,
  seqAt,
  ServiceChange,
  ServiceFiles,
  yamlDocumentsText,
  yamlText,
} from './serviceFiles';

export const MONITORING_DIR = 'k8s/monitoring';
const KUSTOMIZATION = `${MONITORING_DIR}/kustomization.yaml`;
const RULES = `${MONITORING_DIR}/prometheus-rules.yaml`;
const POD_MONITOR = `${MONITORING_DIR}/pod-monitor.yaml`;
export const overlayFile = (environment: string) =>
  `k8s/overlays/${environment}/kustomization.yaml`;
/** How an overlay includes the monitoring objects. */
export const MONITORING_RESOURCE = '../../monitoring';

/** Grafana dashboard UIDs are at most 40 characters. */
export function dashboardUid(name: string): string {
  if (name.length <= 40) return name;
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 8);
  return `${name.slice(0, 31)}-${hash}`;
}

/** The service's series: its container in one of its namespaces (PodMonitor labels). */
function selector(name: string, extra = ''): string {
  return `{namespace=~"${name}-(${ENVIRONMENTS.join(
    '|',
  )})", container="${name}"${extra}}`;
}

function alertName(name: string, what: string): string {
  const camel = name
    .split('-')
    .map(part => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
  return `${camel}${what}`;
}

/** The alerts, on the metrics the typescript-service skeleton exposes on /metrics. */
export function alertRules(name: string) {
  const requests = (extra = '') =>
    `sum by (namespace) (rate(http_requests_total${selector(
      name,
      extra,
    )}[5m]))`;
  return [
    {
      alert: alertName(name, 'Down'),
      expr: `sum by (namespace) (up${selector(name)}) == 0`,
      for: '5m',
      labels: { severity: 'critical', service: name },
      annotations: {
        summary: `${name} has no pod answering /metrics`,
        description: `No pod of ${name} in {{ $labels.namespace }} has been scraped for 5 minutes.`,
      },
    },
    {
      alert: alertName(name, 'HighErrorRate'),
      expr: `${requests(', status=~"5.."')} / ${requests()} > 0.05`,
      for: '10m',
      labels: { severity: 'critical', service: name },
      annotations: {
        summary: `${name} answers more than 5% of requests with a 5xx`,
        description: `{{ $value | humanizePercentage }} of the requests to ${name} in {{ $labels.namespace }} failed over the last 5 minutes.`,
      },
    },
    {
      alert: alertName(name, 'HighLatency'),
      expr: `histogram_quantile(0.95, sum by (namespace, le) (rate(http_request_duration_seconds_bucket${selector(
        name,
      )}[5m]))) > 1`,
      for: '10m',
      labels: { severity: 'warning', service: name },
      annotations: {
        summary: `${name} answers slowly (p95 above 1 s)`,
        description: `The 95th percentile latency of ${name} in {{ $labels.namespace }} is {{ $value | humanizeDuration }}.`,
      },
    },
    {
      alert: alertName(name, 'EventLoopLag'),
      expr: `max by (namespace) (nodejs_eventloop_lag_p99_seconds${selector(
        name,
      )}) > 0.5`,
      for: '10m',
      labels: { severity: 'warning', service: name },
      annotations: {
        summary: `${name}'s event loop is blocked (p99 lag above 0.5 s)`,
        description: `Something in ${name} in {{ $labels.namespace }} blocks the event loop: every request waits.`,
      },
    },
  ];
}

function panel(
  id: number,
  title: string,
  unit: string,
  targets: Array<[expr: string, legend: string]>,
  gridPos: { x: number; y: number },
) {
  return {
    id,
    type: 'timeseries',
    title,
    datasource: { type: 'prometheus', uid: '${datasource}' },
    gridPos: { ...gridPos, w: 12, h: 8 },
    fieldConfig: { defaults: { unit }, overrides: [] },
    options: { legend: { displayMode: 'list', placement: 'bottom' } },
    targets: targets.map(([expr, legendFormat], index) => ({
      refId: String.fromCharCode(65 + index),
      expr,
      legendFormat,
    })),
  };
}

/** The Grafana dashboard: traffic, errors, latency and the Node.js process, per namespace. */
export function dashboard(name: string) {
  const sel = (extra = '') =>
    `{namespace="$namespace", container="${name}"${extra}}`;
  return {
    uid: dashboardUid(name),
    title: name,
    tags: [name, 'golden-path'],
    timezone: 'browser',
    schemaVersion: 39,
    refresh: '30s',
    time: { from: 'now-6h', to: 'now' },
    templating: {
      list: [
        {
          name: 'datasource',
          type: 'datasource',
          query: 'prometheus',
          label: 'Data source',
        },
        {
          name: 'namespace',
          type: 'query',
          label: 'Environment',
          datasource: { type: 'prometheus', uid: '${datasource}' },
          query: `label_values(http_requests_total${selector(
            name,
          )}, namespace)`,
          refresh: 2,
        },
      ],
    },
    panels: [
      panel(
        1,
        'Requests per second by status',
        'reqps',
        [
          [
            `sum by (status) (rate(http_requests_total${sel()}[5m]))`,
            '{{status}}',
          ],
        ],
        { x: 0, y: 0 },
      ),
      panel(
        2,
        'Share of 5xx answers',
        'percentunit',
        [
          [
            `sum(rate(http_requests_total${sel(
              ', status=~"5.."',
            )}[5m])) / sum(rate(http_requests_total${sel()}[5m]))`,
            '5xx',
          ],
        ],
        { x: 12, y: 0 },
      ),
      panel(
        3,
        'Latency',
        's',
        ['0.5', '0.95', '0.99'].map(q => [
          `histogram_quantile(${q}, sum by (le) (rate(http_request_duration_seconds_bucket${sel()}[5m])))`,
          `p${Number(q) * 100}`,
        ]),
        { x: 0, y: 8 },
      ),
      panel(
        4,
        'Event loop lag (p99)',
        's',
        [[`max(nodejs_eventloop_lag_p99_seconds${sel()})`, 'p99 lag']],
        { x: 12, y: 8 },
      ),
      panel(
        5,
        'Memory (resident)',
        'bytes',
        [[`sum by (pod) (process_resident_memory_bytes${sel()})`, '{{pod}}']],
        { x: 0, y: 16 },
      ),
      panel(
        6,
        'CPU',
        'percentunit',
        [
          [
            `sum by (pod) (rate(process_cpu_seconds_total${sel()}[5m]))`,
            '{{pod}}',
          ],
        ],
        { x: 12, y: 16 },
      ),
    ],
  };
}

function kubernetesLabels(name: string) {
  return {
    'app.kubernetes.io/name': name,
    'backstage.io/kubernetes-id': name,
  };
}

function monitoringFiles(name: string): Array<[string, string]> {
  const dashboardFile = `dashboards/${name}.json`;
  const kustomization = new Document({
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    resources: ['pod-monitor.yaml', 'prometheus-rules.yaml'],
    configMapGenerator: [
      {
        name: `${name}-dashboard`,
        files: [dashboardFile],
        options: {
          disableNameSuffixHash: true,
          // Grafana's dashboard sidecar loads every ConfigMap with this label.
          labels: { grafana_dashboard: '1', ...kubernetesLabels(name) },
        },
      },
    ],
  });
  kustomization.commentBefore =
    ' Monitoring of the service: its Prometheus scrape, alerting rules and Grafana dashboard.\n Each overlay includes it (resources: ../../monitoring).';
  const podMonitor = new Document({
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PodMonitor',
    metadata: { name, labels: kubernetesLabels(name) },
    spec: {
      selector: { matchLabels: { 'app.kubernetes.io/name': name } },
      podMetricsEndpoints: [
        { port: 'http', path: '/metrics', interval: '30s' },
      ],
    },
  });
  const rules = new Document({
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PrometheusRule',
    metadata: { name: `${name}-alerts`, labels: kubernetesLabels(name) },
    spec: { groups: [{ name: `${name}.rules`, rules: alertRules(name) }] },
  });
  return [
    [KUSTOMIZATION, yamlText(kustomization)],
    [POD_MONITOR, yamlText(podMonitor)],
    [RULES, yamlText(rules)],
    [
      `${MONITORING_DIR}/${dashboardFile}`,
      `${JSON.stringify(dashboard(name), null, 2)}\n`,
    ],
  ];
}

function includeMonitoring(text: string, file: string): string {
  const doc = readYaml({ read: () => text }, file);
  const resources = seqAt(doc, file, ['resources']);
  insertLike(doc, resources, MONITORING_RESOURCE);
  return yamlText(doc);
}

function linkFromCatalog(text: string, name: string): string {
  const { docs, component } = readCatalogInfo({ read: () => text }, name);
  const annotations = mapAt(
    component,
    CATALOG_INFO,
    ['metadata', 'annotations'],
    true,
  );
  annotations.set('grafana/dashboard-selector', `tags @> '${name}'`);
  annotations.set('grafana/alert-label-selector', `service=${name}`);
  annotations.set(
    'prometheus.io/alert',
    alertRules(name)
      .map(rule => rule.alert)
      .join(','),
  );
  return yamlDocumentsText(docs);
}

/**
 * Gives a typescript-service its monitoring: a PodMonitor scraping /metrics, Prometheus alerting
 * rules on the metrics the skeleton exposes (requests, latency, event loop, up), a Grafana
 * dashboard (a JSON file, shipped as a ConfigMap with the `grafana_dashboard` label), all in
 * `k8s/monitoring`, included by every overlay; the catalog entry points to the dashboard and alerts.
 */
export function addMonitoring(
  files: ServiceFiles,
  name: string,
): ServiceChange {
  requireSupportedTemplate(files, name, 'add-monitoring');
  if (files.read(KUSTOMIZATION) !== undefined) {
    throw alreadyHas(name, 'monitoring', `${KUSTOMIZATION} exists`);
  }
  const catalogInfo = files.read(CATALOG_INFO);
  if (catalogInfo?.includes('grafana/dashboard-selector')) {
    throw alreadyHas(
      name,
      'monitoring',
      `${CATALOG_INFO} has a grafana/dashboard-selector`,
    );
  }
  const overlays = ENVIRONMENTS.map(overlayFile).filter(
    file => files.read(file) !== undefined,
  );
  const changed = new Map<string, string>(monitoringFiles(name));
  for (const file of overlays) {
    changed.set(file, includeMonitoring(files.read(file)!, file));
  }
  changed.set(
    CATALOG_INFO,
    linkFromCatalog(requireFile(files, CATALOG_INFO), name),
  );
  const alerts = alertRules(name).map(rule => `\`${rule.alert}\``);
  return {
    files: changed,
    title: `Add monitoring to ${name}`,
    description: describeChange({
      why: `${name} gets the golden path's monitoring: Prometheus scrapes its /metrics, alerts fire on its own request, latency and process metrics, and a Grafana dashboard shows them per environment.`,
      changes: [
        [
          POD_MONITOR,
          'a PodMonitor scraping `/metrics` on the `http` port every 30 s',
        ],
        [RULES, `alerting rules ${alerts.join(', ')}`],
        [
          `${MONITORING_DIR}/dashboards/${name}.json`,
          `the Grafana dashboard (uid \`${dashboardUid(
            name,
          )}\`): requests, 5xx share, latency, event loop, memory, CPU`,
        ],
        [
          KUSTOMIZATION,
          'the above, with the dashboard as a ConfigMap labelled `grafana_dashboard: "1"`',
        ],
        ...overlays.map((file): [string, string] => [
          file,
          `includes \`${MONITORING_RESOURCE}\``,
        ]),
        [
          CATALOG_INFO,
          'the `grafana/dashboard-selector`, `grafana/alert-label-selector` and `prometheus.io/alert` annotations',
        ],
      ],
      after: [
        "The cluster needs the Prometheus operator (PodMonitor, PrometheusRule) and Grafana's dashboard sidecar.",
      ],
    }),
  };
}
