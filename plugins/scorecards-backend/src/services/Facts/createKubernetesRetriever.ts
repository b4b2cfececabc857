import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ClusterTarget,
  Deployment,
  KUBERNETES_ID_ANNOTATION,
  KubernetesClientLoader,
  readComponentDeployments,
} from '@internal/kubernetes-clusters';
import { FactRecord } from '../../database/ScorecardStore';
import { kubernetesFacts } from './kubernetesFacts';
import { FactRetriever } from './types';

/** Where production runs: the golden paths deploy a component to `<name>-<environment>`. */
export const PRODUCTION_ENVIRONMENT = 'production';
const CLUSTER_TIMEOUT_MS = 10_000;
const FACT_IDS = [
  'kubernetes.hasProbes',
  'kubernetes.hasResourceRequestsAndLimits',
  'kubernetes.productionReplicas',
  'kubernetes.restrictiveSecurityContext',
] as const;

/**
 * The Kubernetes retriever: for each Component, its Deployments labelled
 * `backstage.io/kubernetes-id=<id>` (the annotation, else its name) in the namespace
 * `<name>-production` of every cluster the portal reads with its own identity
 * (`kubernetes.clusterLocatorMethods`), read as the deployments plugin reads them; then the
 * facts of `kubernetesFacts`. One list request per component and cluster. Nothing found on any
 * cluster: not collected. A cluster that refuses or does not answer, with nothing found
 * elsewhere: the component keeps its earlier facts.
 */
export function createKubernetesRetriever(options: {
  clusters: ClusterTarget[];
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
  loadClient?: KubernetesClientLoader;
  timeoutMs?: number;
  now?: () => Date;
}): FactRetriever {
  const now = options.now ?? (() => new Date());
  const timeoutMs = options.timeoutMs ?? CLUSTER_TIMEOUT_MS;
  return {
    source: 'kubernetes',
    facts: FACT_IDS,
    async collect(entities, signal) {
      const components = entities.filter(
        e => e.kind.toLocaleLowerCase('en-US') === 'component',
      );
      if (components.length === 0) return [];
      const credentials = await options.auth.getOwnServiceCredentials();
      const { items } = await options.catalog.getEntitiesByRefs(
        {
          entityRefs: components.map(e => e.entityRef),
          fields: ['metadata.name', 'metadata.annotations'],
        },
        { credentials },
      );
      const facts: FactRecord[] = [];
      for (const [index, entity] of components.entries()) {
        if (signal?.aborted) break;
        const name =
          items[index]?.metadata.name ?? parseEntityRef(entity.entityRef).name;
        const kubernetesId =
          items[index]?.metadata.annotations?.[
            KUBERNETES_ID_ANNOTATION
          ]?.trim() || name;
        const namespace = `${name}-${PRODUCTION_ENVIRONMENT}`;
        const deployments: Deployment[] = [];
        const failures: string[] = [];
        for (const cluster of options.clusters) {
          const read = await readComponentDeployments({
            cluster,
            namespace,
            kubernetesId,
            timeoutMs,
            logger: options.logger,
            loadClient: options.loadClient,
          });
          if (read.status === 'found') deployments.push(...read.deployments);
          else if (read.status !== 'notFound') failures.push(read.message);
        }
        if (deployments.length === 0 && failures.length > 0) {
          options.logger.warn(
            'Scorecards could not read a component’s workloads',
            {
              entityRef: entity.entityRef,
              reasons: failures.join('; '),
            },
          );
          continue;
        }
        const collectedAt = now().toISOString();
        const values =
          deployments.length > 0 ? kubernetesFacts(deployments) : undefined;
        for (const factId of FACT_IDS) {
          facts.push({
            entityRef: entity.entityRef,
            factId,
            value: values?.[factId] ?? null,
            collectedAt,
          });
        }
      }
      return facts;
    },
  };
}
