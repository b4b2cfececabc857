import { ResponseError } from '@backstage/errors';
import {
  DefaultApiClient,
  TypedResponse,
} from './schema/openapi/generated/DefaultApiClient';
import type { components } from './schema/openapi/generated/types';

type Schemas = components['schemas'];

export type GoldenPathDeprecation = Schemas['Deprecation'];
export type GoldenPathUpgrade = Schemas['Upgrade'];
export type GoldenPathVersionSummary = Schemas['VersionSummary'];
export type GoldenPathTemplateSummary = Schemas['TemplateSummary'];
export type GoldenPathEntityStatus = Schemas['EntityStatus'];
export type GoldenPathPrepareResult = Schemas['PrepareResult'];
export type GoldenPathAdoption = Schemas['Adoption'];
export type GoldenPathAdoptionCandidate = Schemas['AdoptionCandidate'];
export type GoldenPathAdoptResult = {
  adoption: GoldenPathAdoption;
  candidates?: GoldenPathAdoptionCandidate[];
  result: GoldenPathPrepareResult;
};

/** The golden path upgrades backend (`/api/golden-path-upgrades`), as the frontend calls it. */
export interface GoldenPathUpgradesApi {
  getTemplates(): Promise<GoldenPathTemplateSummary[]>;
  getEntityStatus(entityRef: string): Promise<GoldenPathEntityStatus>;
  prepareUpgrade(entityRef: string): Promise<GoldenPathPrepareResult>;
  /** Adopts a repository without .golden-path.json: as stated, or inferred without a version. */
  adopt(
    entityRef: string,
    stated?: { template?: string; version?: string },
  ): Promise<GoldenPathAdoptResult>;
}

/**
 * {@link GoldenPathUpgradesApi} over the client generated from the backend's contract: an
 * answer that is not 2xx is thrown as a ResponseError (the backend's error body, its status
 * and message).
 */
export class GoldenPathUpgradesClient implements GoldenPathUpgradesApi {
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

  async getTemplates(): Promise<GoldenPathTemplateSummary[]> {
    return (await this.json(this.api.getTemplates({}))).templates;
  }

  getEntityStatus(entityRef: string): Promise<GoldenPathEntityStatus> {
    return this.json(this.api.getEntityStatus({ query: { entityRef } }));
  }

  prepareUpgrade(entityRef: string): Promise<GoldenPathPrepareResult> {
    return this.json(this.api.prepareUpgrade({ body: { entityRef } }));
  }

  adopt(
    entityRef: string,
    stated: { template?: string; version?: string } = {},
  ): Promise<GoldenPathAdoptResult> {
    return this.json(
      this.api.adoptGoldenPath({ body: { entityRef, ...stated } }),
    );
  }
}
