import { NotFoundError } from '@backstage/errors';
import { NotificationService } from '@backstage/plugin-notifications-node';
import {
  Initiative,
  InitiativeInput,
  InitiativeNoticeKind,
  initiativeNoticesDue,
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

const NOTICE: Record<
  InitiativeNoticeKind,
  (initiative: InitiativeOverview, entityRef: string) => string
> = {
  started: (i, ref) =>
    `${shortName(ref)} is not yet at ${i.targetLevel}: the initiative "${
      i.title
    }" asks for it by ${i.deadline.slice(0, 10)}.`,
  behind: (i, ref) =>
    `"${i.title}" is behind: at this pace ${percent(
      i.projection.projectedShare,
    )} of services reach ${i.targetLevel} by ${i.deadline.slice(
      0,
      10,
    )}, the target is ${percent(i.targetShare)}. ${shortName(
      ref,
    )} is not there yet.`,
  deadline: (i, ref) =>
    `"${i.title}" ends on ${i.deadline.slice(0, 10)} and ${shortName(
      ref,
    )} is not yet at ${i.targetLevel}.`,
};

function shortName(entityRef: string): string {
  return entityRef.replace(/^[^:]+:[^/]+\//, '');
}

function percent(value: number | null): string {
  return value === null ? 'no' : `${Math.round(value * 100)} %`;
}

function share(point: InitiativeProgressPoint | undefined): number | null {
  return point && point.covered > 0 ? point.meeting / point.covered : null;
}

export function createInitiativeService(options: {
  store: InitiativeStore;
  /** The configured levels, lowest first. */
  levels: readonly string[];
  /** Where owners are told; without it, nobody is (and nothing is marked as told). */
  notifications?: Pick<NotificationService, 'send'>;
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

    async notifyOwners() {
      const notifications = options.notifications;
      if (!notifications) return 0;
      let sent = 0;
      for (const record of await store.listInitiatives()) {
        const { overview: initiative } = await overview(record);
        const due = initiativeNoticesDue(
          initiative,
          initiative.projection.standing,
          now(),
        );
        if (due.length === 0) continue;
        const behind = (await store.servicesBehind(scopeOf(initiative))).filter(
          service => service.ownerRef,
        );
        const ownerOf = new Map(behind.map(s => [s.entityRef, s.ownerRef!]));
        for (const kind of due) {
          // claimed before sending: a failed send is not retried (at most once, never twice)
          const claimed = await store.claimNotices(
            initiative.id,
            kind,
            [...ownerOf.keys()],
            now(),
          );
          for (const entityRef of claimed) {
            await notifications.send({
              recipients: {
                type: 'entity',
                entityRef: ownerOf.get(entityRef)!,
              },
              payload: {
                title: `Initiative: ${initiative.title}`,
                description: NOTICE[kind](initiative, entityRef),
                link: '/scorecards',
                severity: kind === 'started' ? 'normal' : 'high',
                topic: 'scorecards-initiative',
                scope: `scorecards-initiative:${initiative.id}:${entityRef}:${kind}`,
              },
            });
            sent++;
          }
        }
      }
      return sent;
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
