import {
  BackstageCredentials,
  BackstageUserPrincipal,
} from '@backstage/backend-plugin-api';
import {
  DeploymentAction,
  DispatchRequest,
  Environments,
  WorkflowRuns,
} from '@internal/plugin-deployments-common';

/** A signed-in user: every route is a user's. */
type UserCredentials = BackstageCredentials<BackstageUserPrincipal>;

/** Deploy, promote, roll back and what the entity page shows; what the router depends on. */
export interface DeploymentService {
  environments(
    credentials: UserCredentials,
    entityRef: string,
  ): Promise<Environments>;
  dispatch(
    credentials: UserCredentials,
    request: DispatchRequest,
  ): Promise<DeploymentAction>;
  getAction(
    credentials: UserCredentials,
    id: string,
  ): Promise<DeploymentAction>;
  listActions(
    credentials: UserCredentials,
    entityRef: string,
    limit: number,
  ): Promise<DeploymentAction[]>;
  listRuns(
    credentials: UserCredentials,
    entityRef: string,
    limit: number,
  ): Promise<WorkflowRuns>;
}
