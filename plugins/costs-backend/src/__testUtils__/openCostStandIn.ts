import http from 'node:http';
import { AddressInfo } from 'node:net';

/**
 * A stand-in OpenCost API answering `GET /allocation/compute` as OpenCost does: `{ code,
 * status, data: [ { "<namespace>/<controllerKind>/<controller>": Allocation } ] }`, each
 * allocation with OpenCost's fields (its labels written the Prometheus way). `answer` gives the
 * allocations of a window (`<start>,<end>`); the requests are kept for the test.
 */
export type OpenCostStandIn = {
  url: string;
  requests: string[];
  close(): Promise<void>;
};

export async function startOpenCostStandIn(
  answer: (window: string) => Record<string, any>,
): Promise<OpenCostStandIn> {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push(`${req.method} ${url.pathname}${url.search}`);
    if (url.pathname !== '/allocation/compute') {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('404 page not found');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        code: 200,
        status: 'success',
        data: [answer(url.searchParams.get('window') ?? '')],
      }),
    );
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** One allocation as OpenCost's allocation API returns it, for a workload over a window. */
export function allocation(a: {
  cluster: string;
  namespace: string;
  controllerKind: string;
  controller: string;
  kubernetesId?: string;
  window: string;
  cpuCost: number;
  ramCost: number;
  pvCost: number;
  networkCost?: number;
  cpuCoreRequestAverage: number;
  ramByteRequestAverage: number;
}) {
  const [start, end] = a.window.split(',');
  const name = `${a.namespace}/${a.controllerKind}/${a.controller}`;
  const networkCost = a.networkCost ?? 0;
  return {
    name,
    properties: {
      cluster: a.cluster,
      namespace: a.namespace,
      controllerKind: a.controllerKind,
      controller: a.controller,
      labels: {
        app_kubernetes_io_name: a.controller,
        ...(a.kubernetesId
          ? { backstage_io_kubernetes_id: a.kubernetesId }
          : {}),
      },
      namespaceLabels: { kubernetes_io_metadata_name: a.namespace },
    },
    window: { start, end },
    start,
    end,
    minutes: 1440,
    cpuCores: a.cpuCoreRequestAverage,
    cpuCoreRequestAverage: a.cpuCoreRequestAverage,
    cpuCoreUsageAverage: a.cpuCoreRequestAverage / 3,
    cpuCoreHours: a.cpuCoreRequestAverage * 24,
    cpuCost: a.cpuCost,
    cpuCostAdjustment: 0,
    cpuEfficiency: 0.33,
    gpuCount: 0,
    gpuHours: 0,
    gpuCost: 0,
    gpuCostAdjustment: 0,
    networkTransferBytes: 0,
    networkReceiveBytes: 0,
    networkCost,
    networkCrossZoneCost: 0,
    networkCrossRegionCost: 0,
    networkInternetCost: 0,
    networkCostAdjustment: 0,
    loadBalancerCost: 0,
    loadBalancerCostAdjustment: 0,
    pvBytes: 0,
    pvByteHours: 0,
    pvCost: a.pvCost,
    pvs: null,
    pvCostAdjustment: 0,
    ramBytes: a.ramByteRequestAverage,
    ramByteRequestAverage: a.ramByteRequestAverage,
    ramByteUsageAverage: a.ramByteRequestAverage / 2,
    ramByteHours: a.ramByteRequestAverage * 24,
    ramCost: a.ramCost,
    ramCostAdjustment: 0,
    ramEfficiency: 0.5,
    externalCost: 0,
    sharedCost: 0,
    totalCost: a.cpuCost + a.ramCost + a.pvCost + networkCost,
    totalEfficiency: 0.4,
    rawAllocationOnly: null,
    proportionalAssetResourceCosts: {},
    lbAllocations: null,
    sharedCostBreakdown: {},
  };
}
