import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  CreateScenarioRequest,
  RoiScenario,
  RoiScenarioSummary,
  RoiScenarioVersion,
  ScenarioPage,
  UpdateScenarioRequest,
} from '@internal/plugin-roi-common';

export type {
  ScenarioRecord,
  ScenarioVersionRecord,
} from '../../database/ScenarioStore';

export type ScenarioExport = { filename: string; csv: string };

/** Saved scenarios, with the permission checks of `roi.scenario.*`. */
export interface ScenarioService {
  /** One page of the scenarios the caller may read; `cursor` as a previous page gave it. */
  list(
    credentials: BackstageCredentials,
    options?: { limit?: number; cursor?: string },
  ): Promise<ScenarioPage<RoiScenarioSummary>>;
  get(credentials: BackstageCredentials, id: string): Promise<RoiScenario>;
  getShared(
    credentials: BackstageCredentials,
    token: string,
  ): Promise<RoiScenario>;
  create(
    credentials: BackstageCredentials,
    request: CreateScenarioRequest,
  ): Promise<RoiScenario>;
  update(
    credentials: BackstageCredentials,
    id: string,
    request: UpdateScenarioRequest,
  ): Promise<RoiScenario>;
  duplicate(
    credentials: BackstageCredentials,
    id: string,
  ): Promise<RoiScenario>;
  remove(credentials: BackstageCredentials, id: string): Promise<void>;
  versions(
    credentials: BackstageCredentials,
    id: string,
  ): Promise<RoiScenarioVersion[]>;
  exportCsv(
    credentials: BackstageCredentials,
    id: string,
  ): Promise<ScenarioExport>;
}
