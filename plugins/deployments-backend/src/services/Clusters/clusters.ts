import { Config } from '@backstage/config';

/** A cluster the portal reads with its own service account. */
export type ClusterTarget = {
  name: string;
  url: string;
  serviceAccountToken?: string;
  skipTLSVerify: boolean;
  caData?: string;
};

/** The cluster an environment is read from, or why there is none. */
export type EnvironmentCluster =
  | { target: ClusterTarget }
  | { unavailable: string };

/**
 * The clusters of the Kubernetes plugin's `kubernetes.clusterLocatorMethods` that the portal can
 * read with its own identity (the golden paths' environment action reads the same ones):
 * `config` clusters with a service account (or no credentials) and a `localKubectlProxy`.
 * Clusters that sign in with the user's credentials are listed in `others`, with why.
 */
export function readClusters(config: Config): {
  readable: ClusterTarget[];
  others: Map<string, string>;
} {
  const readable: ClusterTarget[] = [];
  const others = new Map<string, string>();
  for (const method of config.getOptionalConfigArray(
    'kubernetes.clusterLocatorMethods',
  ) ?? []) {
    const type = method.getString('type');
    if (type === 'localKubectlProxy') {
      readable.push({
        name: 'local',
        url: 'http://localhost:8001',
        skipTLSVerify: false,
      });
    } else if (type === 'config') {
      for (const cluster of method.getOptionalConfigArray('clusters') ?? []) {
        const name = cluster.getString('name');
        const authProvider =
          cluster.getOptionalString('authProvider') ?? 'serviceAccount';
        if (authProvider !== 'serviceAccount') {
          others.set(
            name,
            `cluster "${name}" signs in with each user's credentials (authProvider ${authProvider}); the portal cannot read it with its own`,
          );
          continue;
        }
        readable.push({
          name,
          url: cluster.getString('url'),
          serviceAccountToken: cluster.getOptionalString('serviceAccountToken'),
          skipTLSVerify: cluster.getOptionalBoolean('skipTLSVerify') ?? false,
          caData: cluster.getOptionalString('caData'),
        });
      }
    }
  }
  return { readable, others };
}

/**
 * The cluster of each environment: the one named by its `cluster` setting, else the first
 * readable cluster. A name that is configured nowhere fails the start, naming the key.
 */
export function environmentClusters(
  config: Config,
  environments: Array<{ name: string; cluster?: string }>,
): Map<string, EnvironmentCluster> {
  const { readable, others } = readClusters(config);
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
