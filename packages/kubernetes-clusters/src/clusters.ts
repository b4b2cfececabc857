import { Config } from '@backstage/config';

/** A cluster the portal reads and writes with its own service account. */
export type ClusterTarget = {
  name: string;
  url: string;
  /** Bearer token of the portal's service account on that cluster. */
  serviceAccountToken?: string;
  skipTLSVerify: boolean;
  caData?: string;
};

export type ClusterReading = {
  /** The clusters the portal can use with its own identity, in configuration order. */
  clusters: ClusterTarget[];
  /**
   * What is configured that the portal cannot use with its own identity, one line each for
   * messages: `<name> (authProvider <provider>)` for a cluster that signs in with the user's
   * credentials, `clusters located by <type>` for another locator method.
   */
  skipped: string[];
  /** The `config` clusters that sign in with each user's credentials, by name, with why. */
  userCredentialClusters: Map<string, string>;
};

/**
 * The clusters configured for the Kubernetes plugin (`kubernetes.clusterLocatorMethods`) that
 * the portal can use with its own identity: `config` clusters that authenticate with a service
 * account (or need no credentials), and a `localKubectlProxy` (http://localhost:8001). Clusters
 * that sign in with the user's own credentials (google, aws, oidc, …) and other locator methods
 * are `skipped`; the former are also in `userCredentialClusters`, so a setting that names one
 * can say why it is not read.
 */
export function readClusters(config: Config): ClusterReading {
  const clusters: ClusterTarget[] = [];
  const skipped: string[] = [];
  const userCredentialClusters = new Map<string, string>();
  const methods =
    config.getOptionalConfigArray('kubernetes.clusterLocatorMethods') ?? [];
  for (const method of methods) {
    const type = method.getString('type');
    if (type === 'localKubectlProxy') {
      clusters.push({
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
          skipped.push(`${name} (authProvider ${authProvider})`);
          userCredentialClusters.set(
            name,
            `cluster "${name}" signs in with each user's credentials (authProvider ${authProvider}); the portal cannot read it with its own`,
          );
          continue;
        }
        clusters.push({
          name,
          url: cluster.getString('url'),
          serviceAccountToken: cluster.getOptionalString('serviceAccountToken'),
          skipTLSVerify: cluster.getOptionalBoolean('skipTLSVerify') ?? false,
          caData: cluster.getOptionalString('caData'),
        });
      }
    } else {
      skipped.push(`clusters located by ${type}`);
    }
  }
  return { clusters, skipped, userCredentialClusters };
}
