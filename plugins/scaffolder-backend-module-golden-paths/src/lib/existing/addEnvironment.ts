import { InputError } from '@backstage/errors';
import { Document, isMap, isSeq, Pair, stringify, YAMLMap } from 'yaml';
import { namespaceFor } from '../names';
import { ENVIRONMENTS, printable } from '../parameters';
import {
  MONITORING_DIR,
  MONITORING_RESOURCE,
  overlayFile,
} from './addMonitoring';
import {
  alreadyHas,
  CATALOG_INFO,
  CI_WORKFLOW,
  DEPLOY_WORKFLOW,
  DEPLOYMENT,
  describeChange,
  insertLike,
  mapAt,
  notInShape,
  readCatalogInfo,
  readYaml,
  recordTemplateValue,
  requireFile,
  requireSupportedTemplate,
  seqAt,
  ServiceChange,
  ServiceFiles,
  yamlDocumentsText,
  yamlText,
} from './serviceFiles';

/** Replicas and disruption budget per environment, as the typescript-service overlays have them. */
const SIZES: Record<
  string,
  {
    replicas: number;
    minReplicas: number;
    maxReplicas: number;
    minAvailable: number;
  }
> = {
  dev: { replicas: 1, minReplicas: 1, maxReplicas: 2, minAvailable: 0 },
  staging: { replicas: 2, minReplicas: 2, maxReplicas: 4, minAvailable: 1 },
  production: { replicas: 3, minReplicas: 3, maxReplicas: 10, minAvailable: 2 },
};

const jobName = (environment: string) => `deploy-${environment}`;

/** The image the base Deployment runs, without its tag: what the overlay pins. */
function baseImage(files: ServiceFiles, name: string): string {
  const doc = readYaml(files, DEPLOYMENT);
  const containers = seqAt(doc, DEPLOYMENT, [
    'spec',
    'template',
    'spec',
    'containers',
  ]);
  const container =
    containers.items.find(c => isMap(c) && c.get('name') === name) ??
    containers.items[0];
  const image = isMap(container) ? container.get('image') : undefined;
  if (typeof image !== 'string' || !image) {
    throw notInShape(DEPLOYMENT, `the container ${name} has no image`);
  }
  return image.replace(/(@sha256:[0-9a-f]+|:[^:/]+)$/, '');
}

function jsonPatch(ops: Array<[path: string, value: number]>): string {
  return stringify(
    ops.map(([path, value]) => ({ op: 'replace', path, value })),
  ).trimEnd();
}

function overlay(
  files: ServiceFiles,
  name: string,
  environment: string,
): string {
  const size = SIZES[environment];
  const target = (kind: string) => ({ kind, name });
  const doc = new Document({
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    namespace: namespaceFor(name, environment),
    resources: [
      '../../base',
      ...(files.read(`${MONITORING_DIR}/kustomization.yaml`) !== undefined
        ? [MONITORING_RESOURCE]
        : []),
    ],
    labels: [
      {
        includeSelectors: false,
        pairs: { 'acme.example/environment': environment },
      },
    ],
    images: [{ name: baseImage(files, name), newTag: 'latest' }],
    patches: [
      {
        target: target('Deployment'),
        patch: jsonPatch([['/spec/replicas', size.replicas]]),
      },
      {
        target: target('HorizontalPodAutoscaler'),
        patch: jsonPatch([
          ['/spec/minReplicas', size.minReplicas],
          ['/spec/maxReplicas', size.maxReplicas],
        ]),
      },
      {
        target: target('PodDisruptionBudget'),
        patch: jsonPatch([['/spec/minAvailable', size.minAvailable]]),
      },
    ],
  });
  (
    (doc.contents as YAMLMap).items[2].key as any
  ).commentBefore = ` The ${environment} environment: namespace <name>-${environment} (created by the portal).`;
  return yamlText(doc);
}

/** The deploy job of the golden path's CI workflow, as the template writes it. */
function deployJob(name: string, environment: string, needs: string) {
  return {
    name: `Deploy to ${environment}`,
    needs,
    if: "github.ref == 'refs/heads/main'",
    'runs-on': 'ubuntu-latest',
    environment,
    env: {
      OVERLAY: `k8s/overlays/${environment}`,
      DEPLOYMENT: name,
      NAMESPACE: namespaceFor(name, environment),
    },
    steps: [
      { uses: 'actions/checkout@v4' },
      { uses: 'azure/setup-kubectl@v4' },
      {
        name: 'Deploy',
        env: {
          KUBECONFIG_DATA: '${{ secrets.KUBECONFIG }}',
          TAG: '${{ github.sha }}',
        },
        run: [
          'echo "$KUBECONFIG_DATA" > "$RUNNER_TEMP/kubeconfig"',
          'export KUBECONFIG="$RUNNER_TEMP/kubeconfig"',
          'sed -i "s/newTag: .*/newTag: $TAG/" "$OVERLAY/kustomization.yaml"',
          'kubectl apply -k "$OVERLAY"',
          'kubectl rollout status "deployment/$DEPLOYMENT" --namespace "$NAMESPACE" --timeout=180s',
          '',
        ].join('\n'),
      },
    ],
  };
}

const keyOf = (pair: Pair) => String((pair.key as any)?.value ?? pair.key);

/**
 * Adds the `deploy-<environment>` job to the CI workflow, in the environments' order: after the
 * previous environment's job (or the image job), and before the next one, which then waits for it.
 */
function editCiWorkflow(
  text: string,
  name: string,
  environment: string,
): string {
  const doc = readYaml({ read: () => text }, CI_WORKFLOW);
  const jobs = mapAt(doc, CI_WORKFLOW, ['jobs']);
  const order = ENVIRONMENTS.indexOf(environment as any);
  const present = (env: string) => jobs.has(jobName(env));
  const previous = ENVIRONMENTS.slice(0, order).filter(present).at(-1);
  const next = ENVIRONMENTS.slice(order + 1).find(present);
  if (!previous && !jobs.has('image')) {
    throw notInShape(CI_WORKFLOW, 'it has no image job to deploy after');
  }
  const job = deployJob(
    name,
    environment,
    previous ? jobName(previous) : 'image',
  );
  const pair = doc.createPair(jobName(environment), job) as Pair;
  (pair.key as any).spaceBefore = true;
  const after = jobs.items.findIndex(
    p => keyOf(p) === (previous ? jobName(previous) : 'image'),
  );
  const before = next
    ? jobs.items.findIndex(p => keyOf(p) === jobName(next))
    : -1;
  let at = jobs.items.length;
  if (before >= 0) at = before;
  else if (after >= 0) at = after + 1;
  jobs.items.splice(at, 0, pair);
  if (next) {
    const nextJob = jobs.get(jobName(next), true);
    if (!isMap(nextJob)) {
      throw notInShape(CI_WORKFLOW, `jobs.${jobName(next)} is not a mapping`);
    }
    (nextJob as YAMLMap).set('needs', jobName(environment));
  }
  return yamlText(doc);
}

/**
 * Adds the environment to the deploy workflow's `environment` input when it lists its choices
 * (`type: choice`); an input of `type: environment` takes them from the repository's settings.
 */
function editDeployWorkflow(
  text: string,
  environment: string,
): string | undefined {
  const doc = readYaml({ read: () => text }, DEPLOY_WORKFLOW);
  const input = doc.getIn(
    ['on', 'workflow_dispatch', 'inputs', 'environment'],
    true,
  );
  if (!isMap(input)) {
    throw notInShape(
      DEPLOY_WORKFLOW,
      'on.workflow_dispatch.inputs.environment is not a mapping',
    );
  }
  const options = input.get('options', true);
  if (options === undefined) return undefined;
  if (!isSeq(options)) {
    throw notInShape(
      DEPLOY_WORKFLOW,
      'on.workflow_dispatch.inputs.environment.options is not a list',
    );
  }
  const listed = options.items.map(item =>
    String((item as any)?.value ?? item),
  );
  if (listed.includes(environment)) return undefined;
  const at = options.items.findIndex(item => {
    const index = ENVIRONMENTS.indexOf(
      String((item as any)?.value ?? item) as any,
    );
    return index > ENVIRONMENTS.indexOf(environment as any);
  });
  insertLike(doc, options, environment, at < 0 ? options.items.length : at);
  return yamlText(doc);
}

function recordEnvironment(text: string, name: string, environment: string) {
  const { docs, component } = readCatalogInfo({ read: () => text }, name);
  const before = yamlDocumentsText(docs);
  recordTemplateValue(component, 'environments', value =>
    ENVIRONMENTS.filter(
      env =>
        env === environment || (Array.isArray(value) && value.includes(env)),
    ),
  );
  const after = yamlDocumentsText(docs);
  return after === before ? undefined : after;
}

/**
 * Gives a typescript-service one more environment: its kustomize overlay (when missing), the
 * deploy job of the CI workflow in the environments' order, and the choice in the deploy
 * workflow when there is one. The namespace is the environment action's, in the template.
 */
export function addEnvironment(
  files: ServiceFiles,
  name: string,
  environment: string,
): ServiceChange {
  if (!(ENVIRONMENTS as readonly string[]).includes(environment)) {
    throw new InputError(
      `environment: ${printable(environment)} is not one of ${ENVIRONMENTS.join(
        ', ',
      )}`,
    );
  }
  requireSupportedTemplate(files, name, 'add-environment');
  const overlayPath = overlayFile(environment);
  const hasOverlay = files.read(overlayPath) !== undefined;
  const ci = requireFile(files, CI_WORKFLOW);
  const hasJob = mapAt(readYaml(files, CI_WORKFLOW), CI_WORKFLOW, ['jobs']).has(
    jobName(environment),
  );
  const deploy = files.read(DEPLOY_WORKFLOW);
  const deployChanged =
    deploy === undefined ? undefined : editDeployWorkflow(deploy, environment);
  if (hasOverlay && hasJob && deployChanged === undefined) {
    throw alreadyHas(
      name,
      `the ${environment} environment`,
      `${overlayPath} and the ${jobName(
        environment,
      )} job of ${CI_WORKFLOW} exist`,
    );
  }

  const changed = new Map<string, string>();
  const changes: Array<[string, string]> = [];
  if (!hasOverlay) {
    changed.set(overlayPath, overlay(files, name, environment));
    changes.push([
      overlayPath,
      `the overlay: namespace \`${namespaceFor(name, environment)}\`, ${
        SIZES[environment].replicas
      } replica(s), autoscaling ${SIZES[environment].minReplicas}–${
        SIZES[environment].maxReplicas
      }`,
    ]);
  }
  if (!hasJob) {
    changed.set(CI_WORKFLOW, editCiWorkflow(ci, name, environment));
    changes.push([
      CI_WORKFLOW,
      `the \`${jobName(
        environment,
      )}\` job, in order with the other environments (GitHub environment \`${environment}\`)`,
    ]);
  }
  if (deployChanged !== undefined) {
    changed.set(DEPLOY_WORKFLOW, deployChanged);
    changes.push([
      DEPLOY_WORKFLOW,
      `\`${environment}\` among the environments to deploy to`,
    ]);
  }
  const catalogInfo = recordEnvironment(
    requireFile(files, CATALOG_INFO),
    name,
    environment,
  );
  if (catalogInfo !== undefined) {
    changed.set(CATALOG_INFO, catalogInfo);
    changes.push([
      CATALOG_INFO,
      `\`${environment}\` in the template values it records`,
    ]);
  }
  return {
    files: changed,
    title: `Add the ${environment} environment to ${name}`,
    description: describeChange({
      why: `${name} gets a ${environment} environment through the portal's golden path: the portal has created (or will create, once a cluster is configured) the namespace \`${namespaceFor(
        name,
        environment,
      )}\` with its quota, and this change lets the pipeline deploy there.`,
      changes,
      after: [
        `Give the GitHub environment \`${environment}\` its protection rules and the \`KUBECONFIG\` secret the deploy job reads (the portal creates the environment for a repository on GitHub).`,
      ],
    }),
  };
}
