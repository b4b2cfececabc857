import { Text } from '@backstage/ui';
import {
  ClusterState,
  shortVersion,
} from '@internal/plugin-deployments-common';

const ROLLOUT = {
  complete: 'rollout complete',
  progressing: 'rollout in progress',
  failed: 'rollout failed (deadline exceeded)',
};

/**
 * What the environment's cluster runs, beside what GitHub recorded: each Deployment's version,
 * ready and desired replicas and rollout, the mismatch with the recorded deployment, or why the
 * cluster was not read.
 */
export function ClusterStatus(props: { cluster?: ClusterState }) {
  const { cluster } = props;
  if (!cluster) return null;
  if (cluster.status === 'notConfigured') {
    return (
      <Text variant="body-x-small" color="secondary">
        Cluster not read: {cluster.message}
      </Text>
    );
  }
  if (cluster.status !== 'running') {
    return (
      <Text
        variant="body-x-small"
        color={cluster.status === 'notFound' ? 'secondary' : 'warning'}
      >
        {cluster.status === 'notFound'
          ? `Not found on the cluster: ${cluster.message}`
          : `Cluster unavailable: ${cluster.message}`}
      </Text>
    );
  }
  return (
    <>
      {(cluster.workloads ?? []).map(workload => (
        <Text key={workload.name} variant="body-x-small" color="secondary">
          {`Cluster ${cluster.cluster} runs ${
            workload.version
              ? shortVersion(workload.version)
              : 'an untagged image'
          } (${workload.name}, ${workload.readyReplicas}/${
            workload.desiredReplicas
          } ready, ${ROLLOUT[workload.rollout]})`}
        </Text>
      ))}
      {cluster.comparison === 'differs' && (
        <Text variant="body-x-small" color="danger">
          {`Differs: ${cluster.mismatch}`}
        </Text>
      )}
    </>
  );
}
