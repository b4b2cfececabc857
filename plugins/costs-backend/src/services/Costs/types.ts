import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  CostCollection,
  CostOverview,
  CostWindowQuery,
  EntityCosts,
  PeriodCost,
  TeamCosts,
} from '@internal/plugin-costs-common';

/** The costs as the routes serve them. Queries are checked here (400 naming the field). */
export interface CostService {
  overview(window: CostWindowQuery): Promise<CostOverview>;
  team(teamRef: string, window: CostWindowQuery): Promise<TeamCosts>;
  entity(entityRef: string, window: CostWindowQuery): Promise<EntityCosts>;
  /** A quarter, or a window of days (`from` and `to`), of the organisation or of a team. */
  period(query: {
    quarter?: string;
    from?: string;
    to?: string;
    teamRef?: string;
  }): Promise<PeriodCost>;
  /** Collects today's costs now; platform admins only (costs.collect). */
  collect(credentials: BackstageCredentials): Promise<CostCollection>;
}
