import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import {
  KubernetesClientLoader,
  readClusters,
} from '@internal/kubernetes-clusters';
import {
  describeObject,
  planEnvironment,
  readManifests,
} from '../lib/environment';
import { applyObjects } from '../lib/kubeApply';
import { dns1123LabelProblem, namespaceFor } from '../lib/names';
import { checkEnvironments, checkParameter } from '../lib/parameters';

/**
 * `acme:kubernetes:environment`: the self-service environment. For each environment, creates
 * or updates the service's namespace (labelled with owner and system, Pod Security
 * `restricted`, managed by the portal), its ResourceQuota and LimitRange, and applies the
 * rendered manifests, all with server-side apply on a cluster configured for the Kubernetes
 * plugin. Only the kinds the golden paths generate, named after the service, into its own
 * namespace; a namespace the portal did not create for this service is never taken over.
 * Without a configured cluster it logs and does nothing.
 */
export function createKubernetesEnvironmentAction(options: {
  config: Config;
  loadClient?: KubernetesClientLoader;
}) {
  const { config, loadClient } = options;
  return createTemplateAction({
    id: 'acme:kubernetes:environment',
    description:
      'Creates or updates the namespaces, quotas, limit ranges and workloads of a service on a configured Kubernetes cluster (server-side apply; idempotent; dry-run).',
    supportsDryRun: true,
    schema: {
      input: {
        name: z => z.string().describe('Service name (its kubernetes-id)'),
        owner: z =>
          z
            .string()
            .describe('Owner entity ref, e.g. group:default/platform-team'),
        system: z => z.string().optional().describe('System entity ref'),
        environments: z =>
          z.array(z.string()).describe('Environments, e.g. [dev, staging]'),
        manifestsPath: z =>
          z
            .string()
            .optional()
            .describe(
              'Folder of manifests in the workspace (default k8s/base)',
            ),
        cluster: z =>
          z
            .string()
            .optional()
            .describe('Cluster name (default: the first configured one)'),
        dryRun: z =>
          z
            .boolean()
            .optional()
            .describe('Server-side dry run: validate without persisting'),
        timeoutSeconds: z =>
          z
            .number()
            .min(1)
            .max(120)
            .optional()
            .describe('Per-request timeout (default 15)'),
      },
      output: {
        cluster: z => z.string().optional().describe('The cluster used'),
        namespaces: z =>
          z.array(z.string()).describe('Namespaces created or updated'),
        applied: z => z.array(z.string()).describe('Objects applied, in order'),
      },
    },
    async handler(ctx) {
      const {
        name,
        owner,
        system,
        environments,
        cluster: clusterName,
      } = ctx.input;
      checkParameter('name', name);
      checkParameter('owner', owner);
      if (system) checkParameter('system', system);
      checkEnvironments(environments);
      for (const environment of environments) {
        const namespace = namespaceFor(name, environment);
        const nsProblem = dns1123LabelProblem(namespace);
        if (nsProblem)
          throw new InputError(
            `environments: namespace "${namespace}" ${nsProblem}`,
          );
      }

      const { clusters } = readClusters(config);
      if (clusters.length === 0 || environments.length === 0) {
        ctx.logger.info(
          clusters.length === 0
            ? 'No Kubernetes cluster is configured (kubernetes.clusterLocatorMethods); nothing to provision'
            : 'No environment chosen; nothing to provision',
        );
        ctx.output('namespaces', []);
        ctx.output('applied', []);
        return;
      }
      const cluster = clusterName
        ? clusters.find(c => c.name === clusterName)
        : clusters[0];
      if (!cluster) {
        throw new InputError(
          `cluster: no cluster named "${clusterName}" is configured (configured: ${clusters
            .map(c => c.name)
            .join(', ')})`,
        );
      }

      const manifests = await readManifests(
        resolveSafeChildPath(
          ctx.workspacePath,
          ctx.input.manifestsPath ?? 'k8s/base',
        ),
        name,
      );
      const objects = environments.flatMap(environment =>
        planEnvironment({ name, owner, system, environment, manifests }),
      );

      if (ctx.isDryRun) {
        for (const object of objects) {
          ctx.logger.info(
            `Dry run: would apply ${describeObject(object)} on ${cluster.name}`,
          );
        }
      }
      const applied = ctx.isDryRun
        ? objects.map(describeObject)
        : await applyObjects({
            cluster,
            objects,
            dryRun: ctx.input.dryRun ?? false,
            timeoutMs: (ctx.input.timeoutSeconds ?? 15) * 1000,
            loadClient,
            log: message => ctx.logger.info(message),
          });
      ctx.output('cluster', cluster.name);
      ctx.output(
        'namespaces',
        environments.map(environment => namespaceFor(name, environment)),
      );
      ctx.output('applied', applied);
    },
  });
}
