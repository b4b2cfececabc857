import { NotFoundError } from '@backstage/errors';
import {
  Initiative,
  InitiativeInput,
  InitiativeOverview,
  projectInitiative,
  rankTeamsBehind,
  validateInitiativeInput,
} from '@internal/plugin-scorecards-common';
import { randomUUID } from 'node:crypto';
import {
  InitiativeProgressPoint,
  InitiativeRecord,
  InitiativeScope,
  InitiativeStore,
} from '../../database/InitiativeStore';
import { InitiativeService } from './types';

function toInitiative(record: InitiativeRecord): Initiative {
  return {
    id: record.id,
    title: record.title,
    description: record.description,
    ownerRef: record.ownerRef,
    appliesTo: record.appliesTo,
    targetLevel: record.targetLevel,
    targetShare: record.targetShare,
    startsAt: record.startsAt,
    deadline: record.deadline,
  };
}

function share(point: InitiativeProgressPoint | undefined): number | null {
  return point && point.covered > 0 ? point.meeting / point.covered : null;
}

export function createInitiativeService(options: {
  store: InitiativeStore;
  /** The configured levels, lowest first. */
  levels: readonly string[];
  now?: () => Date;
}): InitiativeService {
  const { store, levels } = options;
  const now = options.now ?? (() => new Date());

  function scopeOf(initiative: Initiative): InitiativeScope {
    const target = levels.indexOf(initiative.targetLevel);
    return {
      appliesTo: initiative.appliesTo,
      // a target level removed from the configuration: nobody meets it
      meetingLevels: target < 0 ? [] : levels.slice(target),
    };
  }

  /**
   * The latest point is the current standing (the latest evaluation), so it is dated now: the
   * deadline is missed once it has passed, whether or not an evaluation ran since.
   */
  async function overview(record: InitiativeRecord): Promise<{
    overview: InitiativeOverview;
    history: InitiativeProgressPoint[];
  }> {
    const initiative = toInitiative(record);
    const history = await store.progressHistory(
      scopeOf(initiative),
      initiative.startsAt.slice(0, 10),
    );
    const first = history[0];
    const latest = history[history.length - 1];
    const progress = {
      covered: latest?.covered ?? 0,
      meeting: latest?.meeting ?? 0,
      share: share(latest),
    };
    const projection = projectInitiative({
      first: {
        at: first ? `${first.day}T00:00:00Z` : now().toISOString(),
        share: share(first),
      },
      latest: { at: now().toISOString(), share: progress.share },
      deadline: initiative.deadline,
      targetShare: initiative.targetShare,
    });
    return { overview: { ...initiative, progress, projection }, history };
  }

  async function existing(id: string): Promise<InitiativeRecord> {
    const record = await store.getInitiative(id);
    if (!record) throw new NotFoundError(`No initiative ${id}`);
    return record;
  }

  return {
    async list() {
      const records = await store.listInitiatives();
      const overviews: InitiativeOverview[] = [];
      for (const record of records) {
        overviews.push((await overview(record)).overview);
      }
      return overviews;
    },

    async get(id) {
      const record = await existing(id);
      const { overview: initiative, history } = await overview(record);
      const teams = await store.teamStandings(scopeOf(initiative));
      return { ...initiative, history, teamsBehind: rankTeamsBehind(teams) };
    },

    async create(input: InitiativeInput, actor: string) {
      const valid = validateInitiativeInput(input, levels);
      const at = now().toISOString();
      const record: InitiativeRecord = {
        id: randomUUID(),
        ...valid,
        createdBy: actor,
        createdAt: at,
        updatedBy: actor,
        updatedAt: at,
      };
      await store.insertInitiative(record);
      return toInitiative(record);
    },

    async update(id: string, input: InitiativeInput, actor: string) {
      const valid = validateInitiativeInput(input, levels);
      const record = await store.updateInitiative(id, valid, {
        actor,
        at: now(),
      });
      if (!record) throw new NotFoundError(`No initiative ${id}`);
      return toInitiative(record);
    },
  };
}
