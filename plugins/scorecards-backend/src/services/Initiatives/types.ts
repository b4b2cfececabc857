import {
  Initiative,
  InitiativeDetail,
  InitiativeInput,
  InitiativeOverview,
} from '@internal/plugin-scorecards-common';

export interface InitiativeService {
  /** Every initiative with its latest progress and projection, the nearest deadline first. */
  list(): Promise<InitiativeOverview[]>;
  /** One initiative with its progress per day and the teams behind it; NotFoundError if none. */
  get(id: string): Promise<InitiativeDetail>;
  /** Validates and saves a new initiative (the caller has the manage permission). */
  create(input: InitiativeInput, actor: string): Promise<Initiative>;
  /** Validates and saves the change; NotFoundError if there is no such initiative. */
  update(
    id: string,
    input: InitiativeInput,
    actor: string,
  ): Promise<Initiative>;
  /**
   * Tells the owners of covered services below the target what is due (the initiative has
   * started, the pace falls short, the deadline is near), once per initiative, service and
   * kind of notice. Returns how many notifications were sent.
   */
  notifyOwners(): Promise<number>;
}
