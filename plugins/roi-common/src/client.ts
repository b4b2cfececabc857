import { ResponseError } from '@backstage/errors';
import { RoiResult } from './model/calculate';
import {
  CreateScenarioBody,
  RoiScenario,
  RoiScenarioSummary,
  RoiScenarioVersion,
  UpdateScenarioBody,
} from './scenarios';
import { ScenarioPage } from './scenarioCursor';
import {
  DefaultApiClient,
  TypedResponse,
} from './schema/openapi/generated/DefaultApiClient';
import type { components } from './schema/openapi/generated/types';

/** The ROI calculator's backend (`/api/roi`), as the page and other backends call it. */
export interface RoiApi {
  calculate(inputs: unknown): Promise<RoiResult>;
  /** The first `limit` scenarios (200 when left out), the latest changed first. */
  listScenarios(options?: { limit?: number }): Promise<RoiScenarioSummary[]>;
  /** One page of the scenarios; `cursor` is a page's nextCursor or prevCursor. */
  listScenarioPage(options: {
    limit?: number;
    cursor?: string;
  }): Promise<ScenarioPage<RoiScenarioSummary>>;
  getScenario(id: string): Promise<RoiScenario>;
  getSharedScenario(token: string): Promise<RoiScenario>;
  createScenario(body: CreateScenarioBody): Promise<RoiScenario>;
  updateScenario(id: string, body: UpdateScenarioBody): Promise<RoiScenario>;
  duplicateScenario(id: string): Promise<RoiScenario>;
  deleteScenario(id: string): Promise<void>;
  listVersions(id: string): Promise<RoiScenarioVersion[]>;
  /** The CSV export as a file name and a blob to download. */
  exportCsv(id: string): Promise<{ filename: string; blob: Blob }>;
}

type Schemas = components['schemas'];

/**
 * {@link RoiApi} over the client generated from the backend's contract: a response that is not
 * 2xx is thrown as a ResponseError (the backend's error body, its status and message).
 */
export class RoiClient implements RoiApi {
  private readonly api: DefaultApiClient;

  constructor(options: {
    discoveryApi: { getBaseUrl(pluginId: string): Promise<string> };
    fetchApi?: { fetch: typeof fetch };
  }) {
    this.api = new DefaultApiClient(options);
  }

  private async ok<T>(response: TypedResponse<T>): Promise<TypedResponse<T>> {
    if (!response.ok) {
      throw await ResponseError.fromResponse(response as Response);
    }
    return response;
  }

  private async json<T>(response: Promise<TypedResponse<T>>): Promise<T> {
    return (await this.ok(await response)).json();
  }

  // The page sends what its form holds; the backend's contract is the validation, and its
  // refusal (400 naming the field) is what the page shows.
  calculate(inputs: unknown): Promise<RoiResult> {
    return this.json(
      this.api.calculate({ body: inputs as Schemas['RoiInputsRequest'] }),
    );
  }

  async listScenarios(options?: {
    limit?: number;
  }): Promise<RoiScenarioSummary[]> {
    return (await this.listScenarioPage({ limit: options?.limit })).items;
  }

  async listScenarioPage(options: {
    limit?: number;
    cursor?: string;
  }): Promise<ScenarioPage<RoiScenarioSummary>> {
    const query: { limit?: number; cursor?: string } = {};
    if (options.limit) query.limit = options.limit;
    if (options.cursor) query.cursor = options.cursor;
    const page = await this.json(
      this.api.listScenarios({
        query: Object.keys(query).length ? query : undefined,
      }),
    );
    return page as ScenarioPage<RoiScenarioSummary>;
  }

  getScenario(id: string): Promise<RoiScenario> {
    return this.json(this.api.getScenario({ path: { id } }));
  }

  getSharedScenario(token: string): Promise<RoiScenario> {
    return this.json(this.api.getSharedScenario({ path: { token } }));
  }

  createScenario(body: CreateScenarioBody): Promise<RoiScenario> {
    return this.json(
      this.api.createScenario({
        body: body as Schemas['CreateScenarioRequest'],
      }),
    );
  }

  updateScenario(id: string, body: UpdateScenarioBody): Promise<RoiScenario> {
    return this.json(
      this.api.updateScenario({
        path: { id },
        body: body as Schemas['UpdateScenarioRequest'],
      }),
    );
  }

  duplicateScenario(id: string): Promise<RoiScenario> {
    return this.json(this.api.duplicateScenario({ path: { id } }));
  }

  async deleteScenario(id: string): Promise<void> {
    await this.ok(await this.api.deleteScenario({ path: { id } }));
  }

  async listVersions(id: string): Promise<RoiScenarioVersion[]> {
    return (await this.json(this.api.listScenarioVersions({ path: { id } })))
      .items;
  }

  async exportCsv(id: string): Promise<{ filename: string; blob: Blob }> {
    const response = await this.ok(
      await this.api.exportScenarioCsv({ path: { id } }),
    );
    const disposition = response.headers.get('Content-Disposition') ?? '';
    const filename =
      /filename="([^"]+)"/.exec(disposition)?.[1] ?? 'roi-scenario.csv';
    return { filename, blob: await response.blob() };
  }
}
