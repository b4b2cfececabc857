import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  CreateScenarioRequest,
  RoiChange,
  RoiInputs,
  RoiScenario,
  RoiScenarioSummary,
  RoiScenarioVersion,
  UpdateScenarioRequest,
} from '@internal/plugin-roi-common';

/** A scenario as stored: the resource the permission rules apply to. */
export type ScenarioRecord = {
  id: string;
  name: string;
  description: string;
  inputs: RoiInputs;
  ownerRef: string;
  sharedWithGroups: string[];
  shareToken: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  updatedBy: string;
};

export type ScenarioVersionRecord = {
  scenarioId: string;
  version: number;
  name: string;
  description: string;
  inputs: RoiInputs;
  changedBy: string;
  changedAt: string;
  changes: RoiChange[];
};

export type ScenarioExport = { filename: string; csv: string };

/** Saved scenarios, with the permission checks of `roi.scenario.*`. */
export interface ScenarioService {
  list(
    credentials: BackstageCredentials,
    options?: { limit?: number },
  ): Promise<RoiScenarioSummary[]>;
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
