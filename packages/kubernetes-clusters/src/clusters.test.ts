import { ConfigReader } from '@backstage/config';
import { readClusters } from './clusters';

describe('readClusters', () => {
  it('reads no cluster from an empty configuration', () => {
    expect(readClusters(new ConfigReader({}))).toEqual({
      clusters: [],
      skipped: [],
      userCredentialClusters: new Map(),
    });
    expect(
      readClusters(
        new ConfigReader({
          kubernetes: {
            clusterLocatorMethods: [{ type: 'config', clusters: [] }],
          },
        }),
      ).clusters,
    ).toEqual([]);
  });

  it('keeps service-account and proxy clusters, skips user-credential ones', () => {
    const reading = readClusters(
      new ConfigReader({
        kubernetes: {
          clusterLocatorMethods: [
            {
              type: 'config',
              clusters: [
                {
                  name: 'dev',
                  url: 'https://k8s.dev:6443',
                  serviceAccountToken: 't',
                  caData: 'ca',
                },
                { name: 'gke', url: 'https://gke', authProvider: 'google' },
              ],
            },
            { type: 'localKubectlProxy' },
            { type: 'gke', projectId: 'p' },
          ],
        },
      }),
    );
    expect(reading.clusters).toEqual([
      {
        name: 'dev',
        url: 'https://k8s.dev:6443',
        serviceAccountToken: 't',
        skipTLSVerify: false,
        caData: 'ca',
      },
      { name: 'local', url: 'http://localhost:8001', skipTLSVerify: false },
    ]);
    expect(reading.skipped).toEqual([
      'gke (authProvider google)',
      'clusters located by gke',
    ]);
    // a setting naming the user-credential cluster can say why it is not read
    expect([...reading.userCredentialClusters]).toEqual([
      [
        'gke',
        'cluster "gke" signs in with each user\'s credentials (authProvider google); the portal cannot read it with its own',
      ],
    ]);
  });
});
