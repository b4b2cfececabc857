/*
 * Runs the Kubernetes stand-in on its own with the demo cluster (fixtures/demo-cluster.yaml):
 *
 *   yarn workspace @internal/kubernetes-stand-in serve [--url-file <file>] [--fixture <file>]
 *
 * The token it accepts is KUBERNETES_STAND_IN_TOKEN (the portal's KUBERNETES_DEMO_TOKEN).
 * Prints its URL and writes it to --url-file; stops on SIGTERM or SIGINT.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  DEMO_CLUSTER_FIXTURE,
  DemoWorkload,
  loadDemoWorkloads,
  workloadObjects,
} from './cluster';
import { startKubernetesApiStandIn } from './server';

/**
 * A service's production namespace as the golden paths' environment action creates it: managed
 * by the portal, labelled with the service, its team, system and environment, and annotated with
 * the owner, so the action run again for the service and its team updates it (and refuses it to
 * another team).
 */
function demoNamespace(w: DemoWorkload) {
  const name = (ref: string) => ref.split('/').pop()!;
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name: w.namespace,
      uid: `namespace-${w.namespace}-demo`,
      labels: {
        'kubernetes.io/metadata.name': w.namespace,
        'app.kubernetes.io/part-of': w.system ? name(w.system) : w.kubernetesId,
        'app.kubernetes.io/managed-by': 'acme-developer-portal',
        'backstage.io/kubernetes-id': w.kubernetesId,
        'acme.example/owner': name(w.owner),
        'acme.example/environment': 'production',
        ...(w.system ? { 'acme.example/system': name(w.system) } : {}),
      },
      annotations: {
        'acme.example/owner': w.owner,
        ...(w.system ? { 'acme.example/system': w.system } : {}),
      },
    },
    status: { phase: 'Active' },
  };
}

/** Starts the stand-in with the demo cluster's namespaces and workloads. */
export async function serveDemoCluster(options: {
  token: string;
  fixture?: string;
  now?: Date;
  port?: number;
}) {
  const { cluster, workloads } = loadDemoWorkloads(
    options.fixture ?? DEMO_CLUSTER_FIXTURE,
  );
  const namespaces = workloads.map(w => demoNamespace(w));
  const standIn = await startKubernetesApiStandIn({
    token: options.token,
    objects: [
      ...namespaces,
      ...workloadObjects(workloads, options.now ?? new Date()),
    ],
    ...(options.port !== undefined ? { port: options.port } : {}),
  });
  return { ...standIn, cluster, workloads };
}

async function main() {
  const { values } = parseArgs({
    options: { 'url-file': { type: 'string' }, fixture: { type: 'string' } },
  });
  const here = (file: string | undefined) =>
    file && resolve(process.env.INIT_CWD ?? process.cwd(), file);
  const token = process.env.KUBERNETES_STAND_IN_TOKEN;
  if (!token) throw new Error('KUBERNETES_STAND_IN_TOKEN is not set');
  const served = await serveDemoCluster({
    token,
    fixture: here(values.fixture),
  });
  const pods = served.objects.filter(o => o.kind === 'Pod').length;
  process.stdout.write(
    `Kubernetes stand-in: cluster ${served.cluster} (${served.workloads.length} workloads, ${pods} pods) at ${served.url}\n`,
  );
  const urlFile = here(values['url-file']);
  if (urlFile) writeFileSync(urlFile, `${served.url}\n`);
  const stop = async () => {
    setTimeout(() => process.exit(0), 2000).unref();
    await served.close();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

if (require.main === module) {
  main().catch(error => {
    process.stderr.write(`Kubernetes stand-in: ${error?.stack ?? error}\n`);
    process.exit(1);
  });
}
