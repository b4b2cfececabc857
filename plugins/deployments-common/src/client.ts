import { ResponseError } from '@backstage/errors';
import {
  DefaultApiClient,
  TypedResponse,
} from './schema/openapi/generated/DefaultApiClient';
import type { components } from './schema/openapi/generated/types';

type Schemas = components['schemas'];

export type DeploymentActionName = Schemas['Action'];
export type DispatchRequest = Schemas['DispatchRequest'];
export type DeploymentAction = Schemas['DeploymentAction'];
export type DeploymentRecord = Schemas['Deployment'];
export type EnvironmentState = Schemas['EnvironmentState'];
export type Environments = Schemas['Environments'];
export type ClusterState = Schemas['ClusterState'];
export type ClusterWorkload = Schemas['ClusterWorkload'];
export type WorkflowRun = Schemas['Run'];
export type WorkflowRuns = Schemas['Runs'];

/** The deployments backend (`/api/deployments`), as the entity page and other backends call it. */
export interface DeploymentsApi {
  getEnvironments(entityRef: string): Promise<Environments>;
  dispatch(request: DispatchRequest): Promise<DeploymentAction>;
  getAction(id: string): Promise<DeploymentAction>;
  listActions(
    entityRef: string,
    options?: { limit?: number },
  ): Promise<DeploymentAction[]>;
  listRuns(
    entityRef: string,
    options?: { limit?: number },
  ): Promise<WorkflowRuns>;
}

/**
 * {@link DeploymentsApi} over the client generated from the backend's contract: an answer that
 * is not 2xx is thrown as a ResponseError (the backend's error body, its status and message).
 */
export class DeploymentsClient implements DeploymentsApi {
  private readonly api: DefaultApiClient;

  constructor(options: {
    discoveryApi: { getBaseUrl(pluginId: string): Promise<string> };
    fetchApi?: { fetch: typeof fetch };
  }) {
    this.api = new DefaultApiClient(options);
  }

  private async json<T>(response: Promise<TypedResponse<T>>): Promise<T> {
    const answer = await response;
    if (!answer.ok) {
      throw await ResponseError.fromResponse(answer as Response);
    }
    return answer.json();
  }

  getEnvironments(entityRef: string): Promise<Environments> {
    return this.json(this.api.getEnvironments({ query: { entityRef } }));
  }

  dispatch(request: DispatchRequest): Promise<DeploymentAction> {
    return this.json(this.api.dispatchAction({ body: request }));
  }

  getAction(id: string): Promise<DeploymentAction> {
    return this.json(this.api.getAction({ path: { id } }));
  }

  async listActions(
    entityRef: string,
    options?: { limit?: number },
  ): Promise<DeploymentAction[]> {
    const query = {
      entityRef,
      ...(options?.limit ? { limit: options.limit } : {}),
    };
    return (await this.json(this.api.listActions({ query }))).items;
  }

  listRuns(
    entityRef: string,
    options?: { limit?: number },
  ): Promise<WorkflowRuns> {
    const query = {
      entityRef,
      ...(options?.limit ? { limit: options.limit } : {}),
    };
    return this.json(this.api.listRuns({ query }));
  }
}
