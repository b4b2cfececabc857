import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  AdoptBaselineRequest,
  Baseline,
  QuarterReport,
  ScopeBaseline,
} from '@internal/plugin-value-common';

export type ValueRequestOptions = { credentials: BackstageCredentials };

/** Baselines and the value delivered against them. */
export interface ValueService {
  /** The scope's current baseline and its adoptions; `canAdopt` as the router decided it. */
  getBaseline(
    scope: string,
    options: ValueRequestOptions & { canAdopt: boolean },
  ): Promise<ScopeBaseline>;
  /** Adopts a scenario the caller may read as the scope's baseline (replacing the current one). */
  adopt(
    request: AdoptBaselineRequest,
    options: ValueRequestOptions & { userEntityRef: string },
  ): Promise<Baseline>;
  /** Quarter `index` after the scope's baseline's start, expected against actual. */
  report(
    scope: string,
    index: number,
    options: ValueRequestOptions,
  ): Promise<QuarterReport>;
}
