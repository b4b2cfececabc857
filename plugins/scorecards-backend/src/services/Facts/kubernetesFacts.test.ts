import { kubernetesFacts, WorkloadSpec } from './kubernetesFacts';

const probe = { httpGet: { path: '/healthz', port: 8080 } };
const resources = {
  requests: { cpu: '100m', memory: '128Mi' },
  limits: { cpu: '500m', memory: '256Mi' },
};
const restrictive = {
  runAsNonRoot: true,
  readOnlyRootFilesystem: true,
  allowPrivilegeEscalation: false,
  capabilities: { drop: ['ALL'] },
};
/** A container that meets every standard. */
const good = {
  readinessProbe: probe,
  livenessProbe: probe,
  resources,
  securityContext: restrictive,
};
const deployment = (
  containers: object[],
  replicas?: number,
  podSecurityContext?: object,
): WorkloadSpec => ({
  spec: {
    ...(replicas === undefined ? {} : { replicas }),
    template: {
      spec: {
        containers,
        ...(podSecurityContext ? { securityContext: podSecurityContext } : {}),
      },
    },
  },
});

describe('kubernetesFacts', () => {
  it.each<[string, WorkloadSpec[], Record<string, boolean | number>]>([
    [
      // every container meets every standard; 3 replicas
      'all standards met',
      [deployment([good], 3)],
      {
        'kubernetes.hasProbes': true,
        'kubernetes.hasResourceRequestsAndLimits': true,
        'kubernetes.productionReplicas': 3,
        'kubernetes.restrictiveSecurityContext': true,
      },
    ],
    [
      // a sidecar without a liveness probe fails probes for the whole component
      'sidecar without liveness probe',
      [deployment([good, { ...good, livenessProbe: undefined }], 2)],
      { 'kubernetes.hasProbes': false },
    ],
    [
      // readiness missing on the only container
      'no readiness probe',
      [deployment([{ ...good, readinessProbe: undefined }], 2)],
      { 'kubernetes.hasProbes': false },
    ],
    [
      // requests without a memory limit: limits incomplete
      'memory limit missing',
      [
        deployment(
          [
            {
              ...good,
              resources: { requests: resources.requests, limits: { cpu: '1' } },
            },
          ],
          2,
        ),
      ],
      { 'kubernetes.hasResourceRequestsAndLimits': false },
    ],
    [
      // no resources at all
      'no resources',
      [deployment([{ ...good, resources: undefined }], 2)],
      { 'kubernetes.hasResourceRequestsAndLimits': false },
    ],
    [
      // replicas unset: Kubernetes runs 1
      'replicas unset',
      [deployment([good])],
      { 'kubernetes.productionReplicas': 1 },
    ],
    [
      // api at 3, worker at 1: the fewest, 1, is what holds the service back
      'two deployments, fewest replicas',
      [deployment([good], 3), deployment([good], 1)],
      { 'kubernetes.productionReplicas': 1 },
    ],
    [
      // runAsNonRoot set on the pod only: inherited by the container, passes
      'runAsNonRoot from the pod',
      [
        deployment(
          [
            {
              ...good,
              securityContext: { ...restrictive, runAsNonRoot: undefined },
            },
          ],
          2,
          { runAsNonRoot: true },
        ),
      ],
      { 'kubernetes.restrictiveSecurityContext': true },
    ],
    [
      // the container's false overrides the pod's true
      'container overrides runAsNonRoot',
      [
        deployment(
          [
            {
              ...good,
              securityContext: { ...restrictive, runAsNonRoot: false },
            },
          ],
          2,
          { runAsNonRoot: true },
        ),
      ],
      { 'kubernetes.restrictiveSecurityContext': false },
    ],
    [
      // allowPrivilegeEscalation unset defaults to true in Kubernetes: fails
      'allowPrivilegeEscalation unset',
      [
        deployment(
          [
            {
              ...good,
              securityContext: {
                ...restrictive,
                allowPrivilegeEscalation: undefined,
              },
            },
          ],
          2,
        ),
      ],
      { 'kubernetes.restrictiveSecurityContext': false },
    ],
    [
      // only NET_RAW dropped, not ALL
      'drops NET_RAW only',
      [
        deployment(
          [
            {
              ...good,
              securityContext: {
                ...restrictive,
                capabilities: { drop: ['NET_RAW'] },
              },
            },
          ],
          2,
        ),
      ],
      { 'kubernetes.restrictiveSecurityContext': false },
    ],
    [
      // writable root filesystem
      'root filesystem writable',
      [
        deployment(
          [
            {
              ...good,
              securityContext: {
                ...restrictive,
                readOnlyRootFilesystem: false,
              },
            },
          ],
          2,
        ),
      ],
      { 'kubernetes.restrictiveSecurityContext': false },
    ],
    [
      // privileged overrides everything else
      'privileged',
      [
        deployment(
          [{ ...good, securityContext: { ...restrictive, privileged: true } }],
          2,
        ),
      ],
      { 'kubernetes.restrictiveSecurityContext': false },
    ],
    [
      // a Deployment with no container meets no per-container standard
      'no containers',
      [deployment([], 2)],
      {
        'kubernetes.hasProbes': false,
        'kubernetes.hasResourceRequestsAndLimits': false,
        'kubernetes.productionReplicas': 2,
        'kubernetes.restrictiveSecurityContext': false,
      },
    ],
  ])('%s', (_name, deployments, expected) => {
    expect(kubernetesFacts(deployments)).toMatchObject(expected);
  });
});
