import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  Alert,
  Badge,
  Button,
  Card,
  CardBody,
  CardHeader,
  Flex,
  Skeleton,
  Text,
} from '@backstage/ui';
import {
  DeploymentAction,
  DeploymentActionName,
  deploymentsDispatchPermission,
  deploymentsDispatchProductionPermission,
  EnvironmentState,
} from '@internal/plugin-deployments-common';
import { ApiErrorPanel } from '@internal/plugin-portal-react';
import { useCallback, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { deploymentsApiRef } from '../api';
import { ClusterStatus } from './ClusterStatus';
import { DeployDialog } from './DeployDialog';
import { shortSha, versionLabel, when } from './format';
import { RunStatus } from './RunStatus';
import { settled, useFollowedAction } from './useFollowedAction';

/** Why a person may not dispatch to an environment, shown beside the disabled buttons. */
const NOT_PERMITTED = {
  other: 'Deploying needs membership of the team that owns this component.',
  production:
    'Deploying to production needs membership of the owning team or of a production approver group.',
};

function describe(action: DeploymentAction): string {
  const what = {
    deploy: `Deploy ${action.ref ?? ''} to ${action.environment}`,
    promote: `Promote ${action.fromEnvironment} to ${action.environment}`,
    rollback: `Roll back ${action.environment}`,
  }[action.action];
  return action.sha && action.ref !== action.sha
    ? `${what} (${shortSha(action.sha)})`
    : what;
}

/** Green once the run succeeded, red once it ended otherwise, blue until then. */
function alertStatus(action: DeploymentAction) {
  const conclusion = action.run?.conclusion;
  if (!conclusion) return 'info';
  return conclusion === 'success' ? 'success' : 'danger';
}

/** The request being followed: its result, and its run until it completes. */
function FollowedAction(props: {
  action: DeploymentAction;
  onSettled: () => void;
}) {
  const action = useFollowedAction(props.action, props.onSettled)!;
  const waiting = !settled(action);
  return (
    <Alert
      role="status"
      status={alertStatus(action)}
      icon
      isPending={waiting}
      title={describe(action)}
      description={
        action.run ? (
          <RunStatus run={action.run} />
        ) : (
          'Dispatched; GitHub has not reported the run yet.'
        )
      }
    />
  );
}

function EnvironmentRow(props: {
  environment: EnvironmentState;
  unavailable?: string;
  allowed: { other: boolean; production: boolean };
  targetIsProduction: (name: string) => boolean;
  busy?: DeploymentActionName;
  onDispatch: (action: DeploymentActionName, ref?: string) => void;
}) {
  const { environment: env, allowed, busy } = props;
  const [dialogOpen, setDialogOpen] = useState(false);
  const mayDispatchTo = (name: string) =>
    props.targetIsProduction(name) ? allowed.production : allowed.other;
  const refusal = (name: string) =>
    props.targetIsProduction(name)
      ? NOT_PERMITTED.production
      : NOT_PERMITTED.other;

  const reasons = new Set<string>();
  if (props.unavailable) reasons.add(props.unavailable);
  const here = mayDispatchTo(env.name);
  if (!here) reasons.add(refusal(env.name));
  const toNext = env.next ? mayDispatchTo(env.next) : false;
  if (env.next && !toNext) reasons.add(refusal(env.next));
  if (env.next && !env.running) {
    reasons.add(
      `Nothing is known to run in ${env.name}, so nothing to promote.`,
    );
  }
  if (!env.previous) {
    reasons.add(
      'No earlier successful deployment of another commit to roll back to.',
    );
  }
  const blocked = Boolean(props.unavailable) || Boolean(busy);

  return (
    <Flex direction="column" gap="2" py="3">
      <Flex justify="between" align="center" gap="3">
        <Flex direction="column" gap="1">
          <Flex align="center" gap="2">
            <Text as="h3" variant="title-x-small" weight="bold">
              {env.name}
            </Text>
            {env.production && <Badge size="small">production</Badge>}
          </Flex>
          <Text variant="body-small">
            {env.running
              ? `Running ${versionLabel(env.running)} since ${when(
                  env.running.succeededAt,
                )}`
              : 'No successful deployment known'}
          </Text>
          <ClusterStatus cluster={env.cluster} />
        </Flex>
        <Flex gap="2" align="center">
          <Button
            size="small"
            variant="secondary"
            isDisabled={blocked || !here}
            isPending={busy === 'deploy'}
            onPress={() => setDialogOpen(true)}
          >
            Deploy…
          </Button>
          {env.next && (
            <Button
              size="small"
              variant="secondary"
              isDisabled={blocked || !toNext || !env.running}
              isPending={busy === 'promote'}
              onPress={() => props.onDispatch('promote')}
            >
              Promote to {env.next}
            </Button>
          )}
          <Button
            size="small"
            variant="secondary"
            isDisabled={blocked || !here || !env.previous}
            isPending={busy === 'rollback'}
            onPress={() => props.onDispatch('rollback')}
          >
            {env.previous
              ? `Roll back to ${versionLabel(env.previous)}`
              : 'Roll back'}
          </Button>
        </Flex>
      </Flex>
      {[...reasons]
        .filter(r => r !== props.unavailable)
        .map(reason => (
          <Text key={reason} variant="body-x-small" color="secondary">
            {reason}
          </Text>
        ))}
      <DeployDialog
        environment={env.name}
        isOpen={dialogOpen}
        onClose={() => setDialogOpen(false)}
        onDeploy={ref => {
          setDialogOpen(false);
          props.onDispatch('deploy', ref);
        }}
      />
    </Flex>
  );
}

/**
 * A component's environments in promotion order, what runs in each, and the buttons that
 * dispatch its deploy workflow: deploy a commit or tag, promote to the next environment,
 * roll back. Disabled buttons say why.
 */
export function EnvironmentsCard() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const api = useApi(deploymentsApiRef);
  const state = useAsyncRetry(
    () => api.getEnvironments(entityRef),
    [api, entityRef],
  );
  const other = usePermission({
    permission: deploymentsDispatchPermission,
    resourceRef: entityRef,
  });
  const production = usePermission({
    permission: deploymentsDispatchProductionPermission,
    resourceRef: entityRef,
  });
  const [busy, setBusy] = useState<
    { environment: string; action: DeploymentActionName } | undefined
  >();
  const [followed, setFollowed] = useState<DeploymentAction>();
  const [refusal, setRefusal] = useState<Error>();
  const { retry } = state;
  const refresh = useCallback(() => retry(), [retry]);

  const dispatch = async (
    environment: string,
    action: DeploymentActionName,
    ref?: string,
  ) => {
    setBusy({ environment, action });
    setRefusal(undefined);
    try {
      setFollowed(
        await api.dispatch({
          entityRef,
          action,
          environment,
          ...(ref ? { ref } : {}),
        }),
      );
    } catch (error) {
      setRefusal(error as Error);
    } finally {
      setBusy(undefined);
    }
  };

  const environments = state.value?.environments ?? [];
  const isProduction = (name: string) =>
    environments.find(e => e.name === name)?.production ?? false;

  return (
    <Card>
      <CardHeader>
        <Text as="h2" variant="title-small">
          Environments
        </Text>
      </CardHeader>
      <CardBody>
        {state.loading && !state.value && (
          <Flex direction="column" gap="2" aria-busy="true">
            <Skeleton width="60%" height={24} />
            <Skeleton width="60%" height={24} />
          </Flex>
        )}
        {state.error && (
          <ApiErrorPanel
            error={state.error}
            title="Could not load the environments"
          />
        )}
        {state.value?.unavailable && (
          <Alert
            status="warning"
            icon
            title="Nothing can be deployed from the portal"
            description={state.value.unavailable}
          />
        )}
        {refusal && (
          <Alert
            role="alert"
            status="danger"
            icon
            title="Not dispatched"
            description={
              ((refusal as { body?: { error?: { message?: string } } }).body
                ?.error?.message ?? refusal.message) as string
            }
          />
        )}
        {followed && <FollowedAction action={followed} onSettled={refresh} />}
        {state.value &&
          environments.map(env => (
            <EnvironmentRow
              key={env.name}
              environment={env}
              unavailable={state.value?.unavailable}
              allowed={{
                other: other.allowed,
                production: production.allowed,
              }}
              targetIsProduction={isProduction}
              busy={busy?.environment === env.name ? busy.action : undefined}
              onDispatch={(action, ref) => dispatch(env.name, action, ref)}
            />
          ))}
      </CardBody>
    </Card>
  );
}
