/** The part of an apps/v1 Deployment the Kubernetes facts read (client-node's V1Deployment fits). */
export type WorkloadSpec = {
  spec?: {
    replicas?: number;
    template?: {
      spec?: {
        securityContext?: { runAsNonRoot?: boolean };
        containers?: ContainerSpec[];
      };
    };
  };
};

type ContainerSpec = {
  livenessProbe?: object;
  readinessProbe?: object;
  resources?: {
    requests?: Record<string, unknown>;
    limits?: Record<string, unknown>;
  };
  securityContext?: {
    runAsNonRoot?: boolean;
    readOnlyRootFilesystem?: boolean;
    allowPrivilegeEscalation?: boolean;
    privileged?: boolean;
    capabilities?: { drop?: string[] };
  };
};

export type KubernetesFacts = {
  'kubernetes.hasProbes': boolean;
  'kubernetes.hasResourceRequestsAndLimits': boolean;
  'kubernetes.productionReplicas': number;
  'kubernetes.restrictiveSecurityContext': boolean;
};

const set = (value: unknown) =>
  value !== undefined && value !== null && String(value).trim() !== '';

/**
 * The Kubernetes facts of a component from its Deployments in production (at least one):
 *
 * - probes: every container has a readiness and a liveness probe;
 * - requests and limits: every container requests and limits both CPU and memory;
 * - replicas: the fewest desired replicas of its Deployments (`spec.replicas`, 1 when unset, as
 *   Kubernetes defaults it), so one single-replica workload is what the check sees;
 * - securityContext: every container runs as non-root (its own setting, else the pod's), with a
 *   read-only root filesystem, no privilege escalation (explicitly false, as the default is
 *   true), not privileged, and `ALL` capabilities dropped.
 *
 * Init containers are not read: they finish before the pod serves.
 */
export function kubernetesFacts(deployments: WorkloadSpec[]): KubernetesFacts {
  const pods = deployments.map(d => d.spec?.template?.spec ?? {});
  const containers = pods.flatMap(pod =>
    (pod.containers ?? []).map(container => ({ pod, container })),
  );
  const every = (test: (c: (typeof containers)[number]) => boolean) =>
    containers.length > 0 && containers.every(test);
  return {
    'kubernetes.hasProbes': every(
      ({ container }) =>
        Boolean(container.readinessProbe) && Boolean(container.livenessProbe),
    ),
    'kubernetes.hasResourceRequestsAndLimits': every(({ container }) => {
      const { requests = {}, limits = {} } = container.resources ?? {};
      return (
        set(requests.cpu) &&
        set(requests.memory) &&
        set(limits.cpu) &&
        set(limits.memory)
      );
    }),
    'kubernetes.productionReplicas': Math.min(
      ...deployments.map(d => d.spec?.replicas ?? 1),
    ),
    'kubernetes.restrictiveSecurityContext': every(({ pod, container }) => {
      const context = container.securityContext ?? {};
      const runAsNonRoot =
        context.runAsNonRoot ?? pod.securityContext?.runAsNonRoot;
      return (
        runAsNonRoot === true &&
        context.readOnlyRootFilesystem === true &&
        context.allowPrivilegeEscalation === false &&
        context.privileged !== true &&
        (context.capabilities?.drop ?? []).some(
          capability => capability.toUpperCase() === 'ALL',
        )
      );
    }),
  };
}
