import { ConfigReader } from '@backstage/config';
import { ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import request from 'supertest';
import { readClusterNames } from './config';
import {
  deployment,
  pod,
  startKubernetesStandIn,
} from './__testUtils__/kubernetesStandIn';

/** Starts the Kubernetes backend in a child process and answers its base URL. */
async function startKubernetesBackend(config: object, entities: object[]) {
  const child: ChildProcess = spawn(
    process.execPath,
    [
      resolve(__dirname, '__testUtils__/kubernetesBackend.cjs'),
      JSON.stringify({ config, entities }),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const url = await new Promise<string>((ok, fail) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', d => {
      out += d;
      const port = /PORT=(\d+)/.exec(out)?.[1];
      if (port) ok(`http://127.0.0.1:${port}`);
    });
    child.stderr!.on('data', d => {
      err += d;
    });
    child.on('exit', code =>
      fail(new Error(`kubernetes backend exited ${code}: ${err}`)),
    );
  });
  return { url, stop: () => child.kill() };
}

jest.setTimeout(60_000);

const entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'cart-service',
    annotations: { 'backstage.io/kubernetes-id': 'cart-service' },
  },
  spec: { type: 'service', owner: 'storefront-team', lifecycle: 'production' },
};

describe('Kubernetes tab data from configured clusters', () => {
  it('shows workloads, pods and restarts per cluster, and a dead cluster as an error', async () => {
    const cluster = await startKubernetesStandIn({
      pods: [
        pod('cart-service-7d9f-abcde', 'cart-service', 0),
        pod('cart-service-7d9f-fghij', 'cart-service', 7, false),
        pod('checkout-service-1', 'checkout-service', 2),
      ],
      deployments: [
        deployment('cart-service', 2, 1),
        deployment('checkout-service', 1, 1),
      ],
    });
    const clusters = [
      {
        name: 'eu-west-prod',
        url: cluster.url,
        authProvider: 'serviceAccount',
        serviceAccountToken: 'stand-in-token',
        skipTLSVerify: true,
        skipMetricsLookup: true,
      },
      {
        // Nothing listens on port 1: the cluster does not answer.
        name: 'us-east-prod',
        url: 'http://127.0.0.1:1',
        authProvider: 'serviceAccount',
        serviceAccountToken: 'stand-in-token',
        skipMetricsLookup: true,
      },
    ];
    const config = {
      kubernetes: {
        serviceLocatorMethod: { type: 'multiTenant' },
        clusterLocatorMethods: [{ type: 'config', clusters }],
      },
    };
    expect(readClusterNames(new ConfigReader(config))).toEqual([
      'eu-west-prod',
      'us-east-prod',
    ]);

    const backend = await startKubernetesBackend(config, [entity]);
    try {
      const res = await request(backend.url)
        .post('/api/kubernetes/services/cart-service')
        .send({ entity });
      expect(res.status).toBe(200);
      const byCluster = Object.fromEntries(
        res.body.items.map((i: { cluster: { name: string } }) => [
          i.cluster.name,
          i,
        ]),
      );

      const prod = byCluster['eu-west-prod'];
      expect(prod.errors).toEqual([]);
      const resources = Object.fromEntries(
        prod.resources.map((r: { type: string; resources: unknown[] }) => [
          r.type,
          r.resources,
        ]),
      );
      // Only the objects labelled for this component, with their restarts and readiness.
      expect(
        resources.pods.map((p: any) => [
          p.metadata.name,
          p.status.containerStatuses[0].restartCount,
          p.status.containerStatuses[0].state.waiting?.reason ?? 'running',
        ]),
      ).toEqual([
        ['cart-service-7d9f-abcde', 0, 'running'],
        ['cart-service-7d9f-fghij', 7, 'CrashLoopBackOff'],
      ]);
      expect(
        resources.deployments.map((d: any) => [
          d.metadata.name,
          d.status.availableReplicas,
        ]),
      ).toEqual([['cart-service', 1]]);
      expect(cluster.requests).toContain(
        'GET /api/v1/pods?labelSelector=backstage.io%2Fkubernetes-id%3Dcart-service',
      );

      // The dead cluster is reported with its error; the live one still renders above.
      const dead = byCluster['us-east-prod'];
      expect(
        dead.resources.every(
          (r: { resources: unknown[] }) => r.resources.length === 0,
        ),
      ).toBe(true);
      expect(dead.errors.length).toBeGreaterThan(0);
      expect(dead.errors[0]).toMatchObject({ errorType: 'FETCH_ERROR' });
    } finally {
      backend.stop();
      await cluster.close();
    }
  });
});
