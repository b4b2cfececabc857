import fs from 'node:fs';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { kustomizeBuild } from '../../__testUtils__/kustomize';
import { render } from '../../__testUtils__/render';
import { addMonitoring, dashboardUid } from './addMonitoring';
import { checkoutFiles, writeChange } from './checkout';
import { ServiceFiles } from './serviceFiles';

jest.setTimeout(60_000);

const values = {
  name: 'orders-api',
  description: 'Takes orders',
  owner: 'group:default/payments-team',
  ownerName: 'payments-team',
  system: 'system:default/checkout',
  templateName: 'typescript-service',
  templateVersion: '1.1.0',
  githubSlug: '',
  githubOrg: '',
  environments: ['dev'],
  image: 'ghcr.io/acme-retail/orders-api',
  database: false,
};

describe('addMonitoring', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await render('typescript-service', values);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('adds scraping, alerts and a dashboard that every overlay deploys, linked from the catalog', async () => {
    const change = addMonitoring(checkoutFiles(dir), 'orders-api');
    expect([...change.files.keys()].sort()).toEqual([
      'catalog-info.yaml',
      'k8s/monitoring/dashboards/orders-api.json',
      'k8s/monitoring/kustomization.yaml',
      'k8s/monitoring/pod-monitor.yaml',
      'k8s/monitoring/prometheus-rules.yaml',
      'k8s/overlays/dev/kustomization.yaml',
      'k8s/overlays/production/kustomization.yaml',
      'k8s/overlays/staging/kustomization.yaml',
    ]);
    const work = fs.mkdtempSync(`${dir}-monitored-`);
    try {
      fs.cpSync(dir, work, { recursive: true });
      await writeChange(change, work, path.join(work, '.change'));
      for (const environment of ['dev', 'staging', 'production']) {
        const objects = await kustomizeBuild(
          path.join(work, 'k8s/overlays', environment),
        );
        const byKind = Object.fromEntries(objects.map(o => [o.kind, o]));
        expect(Object.keys(byKind).sort()).toEqual([
          'ConfigMap',
          'Deployment',
          'HorizontalPodAutoscaler',
          'PodDisruptionBudget',
          'PodMonitor',
          'PrometheusRule',
          'Service',
          'ServiceAccount',
        ]);
        for (const object of objects) {
          expect(object.metadata.namespace).toBe(`orders-api-${environment}`);
        }
        const configMap = byKind.ConfigMap;
        expect(configMap.metadata).toMatchObject({
          name: 'orders-api-dashboard',
          labels: { grafana_dashboard: '1' },
        });
        const dashboard = JSON.parse(configMap.data['orders-api.json']);
        expect(dashboard.uid).toBe('orders-api');
        // The PodMonitor selects the Deployment's pods, on the port that serves /metrics.
        const podLabels = byKind.Deployment.spec.template.metadata.labels;
        expect(podLabels).toMatchObject(
          byKind.PodMonitor.spec.selector.matchLabels,
        );
        expect(
          byKind.Deployment.spec.template.spec.containers[0].ports.map(
            (p: { name: string }) => p.name,
          ),
        ).toContain(byKind.PodMonitor.spec.podMetricsEndpoints[0].port);
      }
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }

    // The alerts are on the metrics the skeleton's src/metrics.ts exposes, or on `up`.
    const exposed = fs.readFileSync(path.join(dir, 'src/metrics.ts'), 'utf8');
    const rules = parse(
      change.files.get('k8s/monitoring/prometheus-rules.yaml')!,
    ).spec.groups[0].rules;
    expect(rules.map((r: { alert: string }) => r.alert)).toEqual([
      'OrdersApiDown',
      'OrdersApiHighErrorRate',
      'OrdersApiHighLatency',
      'OrdersApiEventLoopLag',
    ]);
    for (const rule of rules) {
      const metrics: string[] = rule.expr.match(/[a-z_][a-z0-9_]*(?=\{)/g);
      for (const metric of metrics) {
        const family = metric.replace(/_bucket$/, '');
        expect([
          metric,
          family === 'up' ||
            family.startsWith('nodejs_') ||
            exposed.includes(`'${family}'`),
        ]).toEqual([metric, true]);
      }
      expect(rule.expr).toContain('container="orders-api"');
      expect(rule.labels.service).toBe('orders-api');
    }

    const [component] = parseAllDocuments(
      change.files.get('catalog-info.yaml')!,
    ).map(d => d.toJS());
    expect(component.metadata.annotations).toMatchObject({
      'grafana/dashboard-selector': "tags @> 'orders-api'",
      'grafana/alert-label-selector': 'service=orders-api',
      'prometheus.io/alert':
        'OrdersApiDown,OrdersApiHighErrorRate,OrdersApiHighLatency,OrdersApiEventLoopLag',
    });
    expect(change.description).toContain('`OrdersApiHighErrorRate`');
  });

  it("keeps an overlay's comments and the team's own resources", () => {
    const overlay = fs
      .readFileSync(
        path.join(dir, 'k8s/overlays/dev/kustomization.yaml'),
        'utf8',
      )
      .replace(
        '  - ../../base\n',
        '  - ../../base\n  # Our feature flags\n  - flags.yaml\n',
      );
    const files: ServiceFiles = {
      read: file =>
        file === 'k8s/overlays/dev/kustomization.yaml'
          ? overlay
          : checkoutFiles(dir).read(file),
    };
    const changed = addMonitoring(files, 'orders-api').files.get(
      'k8s/overlays/dev/kustomization.yaml',
    )!;
    expect(changed).toContain('# The dev environment: namespace <name>-dev');
    expect(changed).toContain('# Our feature flags');
    expect(parse(changed).resources).toEqual([
      '../../base',
      'flags.yaml',
      '../../monitoring',
    ]);
  });

  it('refuses a service that has monitoring, and an overlay in another shape', () => {
    const once = addMonitoring(checkoutFiles(dir), 'orders-api');
    expect(() =>
      addMonitoring(
        { read: file => once.files.get(file) ?? checkoutFiles(dir).read(file) },
        'orders-api',
      ),
    ).toThrow(
      'orders-api already has monitoring (k8s/monitoring/kustomization.yaml exists)',
    );
    expect(() =>
      addMonitoring(
        {
          read: file =>
            file === 'k8s/overlays/staging/kustomization.yaml'
              ? 'resources: ../../base\n'
              : checkoutFiles(dir).read(file),
        },
        'orders-api',
      ),
    ).toThrow(
      /^k8s\/overlays\/staging\/kustomization\.yaml is not in the shape the golden path expects: resources is not a list/,
    );
  });

  it("keeps dashboard UIDs within Grafana's 40 characters", () => {
    expect(dashboardUid('orders-api')).toBe('orders-api');
    const long = 'a'.repeat(63);
    expect(dashboardUid(long)).toHaveLength(40);
    expect(dashboardUid(long)).not.toBe(dashboardUid(`${'a'.repeat(62)}b`));
  });
});
