import { Config } from '@backstage/config';

/** A cluster the portal may provision environments on. */
export type ClusterTarget = {
  name: string;
  url: string;
  /** Bearer token of the portal's service account on that cluster. */
  serviceAccountToken?: string;
  skipTLSVerify: boolean;
  caData?: string;
};

export type ClusterReading = {
  clusters: ClusterTarget[];
  /** Clusters configured for the Kubernetes plugin that this action cannot write to. */
  skipped: string[];
};

/**
 * The clusters configured for the Kubernetes plugin (`kubernetes.clusterLocatorMethods`):
 * `config` clusters that authenticate with a service account (or need no credentials), and a
 * `localKubectlProxy` (http://localhost:8001). Clusters that sign in with the user's own
 * credentials (google, aws, oidc, …) are listed in `skipped`: provisioning needs the portal's
 * own identity.
 */
export function readClusters(config: Config): ClusterReading {
  const clusters: ClusterTarget[] = [];
  const skipped: string[] = [];
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
  return { clusters, skipped };
}
