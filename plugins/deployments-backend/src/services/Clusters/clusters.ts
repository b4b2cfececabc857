import { Config } from '@backstage/config';
import { ClusterTarget, readClusters } from '@internal/kubernetes-clusters';

/** The cluster an environment is read from, or why there is none. */
export type EnvironmentCluster =
  | { target: ClusterTarget }
  | { unavailable: string };

/**
 * The cluster of each environment: the one named by its `cluster` setting, else the first
 * readable cluster. A name that is configured nowhere fails the start, naming the key.
 */
export function environmentClusters(
  config: Config,
  environments: Array<{ name: string; cluster?: string }>,
): Map<string, EnvironmentCluster> {
  const { clusters: readable, userCredentialClusters: others } =
    readClusters(config);
  const result = new Map<string, EnvironmentCluster>();
  for (const [index, environment] of environments.entries()) {
    const wanted = environment.cluster;
    if (wanted === undefined) {
      result.set(
        environment.name,
        readable.length > 0
          ? { target: readable[0] }
          : {
              unavailable:
                others.size > 0
                  ? [...others.values()][0]
                  : 'no Kubernetes cluster is configured (kubernetes.clusterLocatorMethods)',
            },
      );
      continue;
    }
    const target = readable.find(c => c.name === wanted);
    if (target) {
      result.set(environment.name, { target });
    } else if (others.has(wanted)) {
      result.set(environment.name, { unavailable: others.get(wanted)! });
    } else {
      throw new Error(
        `deployments.environments[${index}].cluster: no cluster named ${JSON.stringify(
          wanted,
        )} in kubernetes.clusterLocatorMethods`,
      );
    }
  }
  return result;
}
