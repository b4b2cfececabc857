import {
  createApiRef,
  DiscoveryApi,
  FetchApi,
} from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  CreateScenarioBody,
  RoiResult,
  RoiScenario,
  RoiScenarioSummary,
  RoiScenarioVersion,
  UpdateScenarioBody,
} from '@internal/plugin-roi-common';

/** The ROI calculator's backend (`/api/roi`). */
export interface RoiApi {
  calculate(inputs: unknown): Promise<RoiResult>;
  listScenarios(options?: { limit?: number }): Promise<RoiScenarioSummary[]>;
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

export const roiApiRef = createApiRef<RoiApi>({ id: 'plugin.roi.api' });

export class RoiClient implements RoiApi {
  constructor(
    private readonly deps: { discoveryApi: DiscoveryApi; fetchApi: FetchApi },
  ) {}

  private async request(path: string, init?: RequestInit): Promise<Response> {
    const base = await this.deps.discoveryApi.getBaseUrl('roi');
    const response = await this.deps.fetchApi.fetch(`${base}${path}`, {
      ...init,
      headers: {
        ...(init?.body ? { 'Content-Type': 'application/json' } : {}),
        ...init?.headers,
      },
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response;
  }

  private async json<T>(path: string, init?: RequestInit): Promise<T> {
    return (await this.request(path, init)).json() as Promise<T>;
  }

  calculate(inputs: unknown) {
    return this.json<RoiResult>('/calculate', {
      method: 'POST',
      body: JSON.stringify(inputs),
    });
  }

  async listScenarios(options?: { limit?: number }) {
    const query = options?.limit ? `?limit=${options.limit}` : '';
    return (
      await this.json<{ items: RoiScenarioSummary[] }>(`/scenarios${query}`)
    ).items;
  }

  getScenario(id: string) {
    return this.json<RoiScenario>(`/scenarios/${encodeURIComponent(id)}`);
  }

  getSharedScenario(token: string) {
    return this.json<RoiScenario>(`/shared/${encodeURIComponent(token)}`);
  }

  createScenario(body: CreateScenarioBody) {
    return this.json<RoiScenario>('/scenarios', {
      method: 'POST',
      body: JSON.stringify(body),
    });
  }

  updateScenario(id: string, body: UpdateScenarioBody) {
    return this.json<RoiScenario>(`/scenarios/${encodeURIComponent(id)}`, {
      method: 'PUT',
      body: JSON.stringify(body),
    });
  }

  duplicateScenario(id: string) {
    return this.json<RoiScenario>(
      `/scenarios/${encodeURIComponent(id)}/duplicate`,
      { method: 'POST' },
    );
  }

  async deleteScenario(id: string) {
    await this.request(`/scenarios/${encodeURIComponent(id)}`, {
      method: 'DELETE',
    });
  }

  async listVersions(id: string) {
    return (
      await this.json<{ items: RoiScenarioVersion[] }>(
        `/scenarios/${encodeURIComponent(id)}/versions`,
      )
    ).items;
  }

  async exportCsv(id: string) {
    const response = await this.request(
      `/scenarios/${encodeURIComponent(id)}/export.csv`,
    );
    const disposition = response.headers.get('Content-Disposition') ?? '';
    const filename =
      /filename="([^"]+)"/.exec(disposition)?.[1] ?? 'roi-scenario.csv';
    return { filename, blob: await response.blob() };
  }
}
