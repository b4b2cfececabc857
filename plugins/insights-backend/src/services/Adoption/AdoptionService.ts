import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  AdoptionSummary,
  atLeast,
  atMost,
  catalogCompleteness,
  ComponentFacts,
  isOnPlatform,
  KPI_TARGETS,
  KpiValue,
  mondayOf,
  percentileCont,
  platformBaseline,
  repositoryFromRepoUrl,
  selfServiceCompletionRate,
  share,
  SOURCE_TEMPLATE_ANNOTATION,
  teamAdoption,
  TemplateWeekUsage,
} from '@internal/plugin-insights-common';
import { AdoptionStore } from '../../database/AdoptionStore';
import { repositoryOf } from '../Scope/ScopeResolver';
import { TaskSource } from '../Adoption/TaskSource';

const FINISHED = new Set(['completed', 'failed', 'cancelled']);

/** The group (or user) owning a component, as a full entity ref. */
export function ownerRef(entity: Entity): string | null {
  const rel = entity.relations?.find(r => r.type === 'ownedBy');
  if (rel) return rel.targetRef;
  const owner = (entity.spec as { owner?: unknown } | undefined)?.owner;
  if (typeof owner !== 'string' || !owner) return null;
  try {
    return stringifyEntityRef(
      parseEntityRef(owner, {
        defaultKind: 'group',
        defaultNamespace: entity.metadata.namespace ?? 'default',
      }),
    );
  } catch {
    return null;
  }
}

function ownerParam(value: unknown): string | undefined {
  if (typeof value !== 'string' || !value) return undefined;
  try {
    return stringifyEntityRef(parseEntityRef(value, { defaultKind: 'group' }));
  } catch {
    return undefined;
  }
}

/** Platform adoption KPIs from the catalog, scaffolder tasks and the delivery tables. */
export class AdoptionService {
  constructor(
    private readonly store: AdoptionStore,
    private readonly tasks: TaskSource,
  ) {}

  async summary(input: {
    components: Entity[];
    group?: string;
    from: Date;
    to: Date;
  }): Promise<AdoptionSummary> {
    const { components, group, from, to } = input;
    const repos = components
      .map(repositoryOf)
      .filter((r): r is string => Boolean(r));
    const withRuns = await this.store.repositoriesWithWorkflowRuns(repos);

    const rows = components.map(entity => {
      const spec = (entity.spec ?? {}) as Record<string, unknown>;
      const repo = repositoryOf(entity);
      const facts: ComponentFacts = {
        owner: ownerRef(entity) ?? undefined,
        description: entity.metadata.description,
        system: typeof spec.system === 'string' ? spec.system : undefined,
        lifecycle:
          typeof spec.lifecycle === 'string' ? spec.lifecycle : undefined,
        annotations: entity.metadata.annotations ?? {},
        hasWorkflowRuns: repo ? withRuns.has(repo) : false,
      };
      return {
        entityRef: stringifyEntityRef(entity),
        owner: facts.owner ?? null,
        onPlatform: isOnPlatform(facts),
        fromGoldenPath: Boolean(facts.annotations[SOURCE_TEMPLATE_ANNOTATION]),
        baseline: platformBaseline(facts),
        completeness: catalogCompleteness(facts),
      };
    });

    const byTeam = new Map<string, boolean[]>();
    for (const r of rows) {
      if (!r.owner || !r.owner.startsWith('group:')) continue;
      if (group && r.owner !== group) continue;
      byTeam.set(r.owner, [...(byTeam.get(r.owner) ?? []), r.onPlatform]);
    }
    const teams = teamAdoption(byTeam);
    const onPlatform = rows.filter(r => r.onPlatform).length;
    const completeness =
      rows.length === 0
        ? null
        : rows.reduce((sum, r) => sum + r.completeness, 0) / rows.length;

    const allTasks = (await this.tasks.tasksSince(from)).filter(t => {
      const created = Date.parse(t.createdAt);
      if (!(created >= from.getTime() && created < to.getTime())) return false;
      return !group || ownerParam(t.spec.parameters?.owner) === group;
    });
    const finished = allTasks.filter(t => FINISHED.has(t.status));
    const succeeded = finished.filter(t => t.status === 'completed');
    const completion = selfServiceCompletionRate(
      succeeded.length,
      finished.length,
    );

    const usage = new Map<string, TemplateWeekUsage>();
    for (const t of allTasks) {
      const template = t.spec.templateInfo?.entityRef ?? 'unknown';
      const weekStart = mondayOf(new Date(t.createdAt)).toISOString();
      const key = `${weekStart}|${template}`;
      const u = usage.get(key) ?? { weekStart, template, runs: 0 };
      u.runs += 1;
      usage.set(key, u);
    }

    const created = new Map<string, number>();
    for (const t of succeeded) {
      const repo = repositoryFromRepoUrl(
        typeof t.spec.parameters?.repoUrl === 'string'
          ? t.spec.parameters.repoUrl
          : undefined,
      );
      if (!repo) continue;
      const at = Date.parse(t.createdAt);
      created.set(repo, Math.min(created.get(repo) ?? at, at));
    }
    const firstDeploys = await this.store.firstProductionDeployments([
      ...created.keys(),
    ]);
    const hours: number[] = [];
    for (const [repository, first] of firstDeploys) {
      const start = created.get(repository)!;
      const h = (first.getTime() - start) / 3_600_000;
      if (h > 0) hours.push(h);
    }
    const ttfd = percentileCont(hours, 0.5);

    const kpis: KpiValue[] = [
      {
        id: 'teamAdoption',
        label: 'Teams on the platform',
        value: teams.share,
        unit: 'fraction',
        target: '80%+ of teams',
        met: atLeast(teams.share, KPI_TARGETS.teamAdoption),
        definition:
          'Teams owning at least one component on the platform ÷ teams owning components. A component is on the platform when created from a golden path (backstage.io/source-template) or when it meets the baseline: owner, docs (backstage.io/techdocs-ref), CI (github.com/project-slug with a recorded GitHub Actions run) and Kubernetes (backstage.io/kubernetes-id).',
        numerator: teams.onPlatform,
        denominator: teams.teams,
      },
      {
        id: 'componentAdoption',
        label: 'Components on the platform',
        value: share(onPlatform, rows.length),
        unit: 'fraction',
        target: '80%+',
        met: atLeast(
          share(onPlatform, rows.length),
          KPI_TARGETS.componentAdoption,
        ),
        definition:
          'Components on the platform (golden path or full baseline) ÷ components.',
        numerator: onPlatform,
        denominator: rows.length,
      },
      {
        id: 'selfServiceCompletion',
        label: 'Self-service completion',
        value: completion,
        unit: 'fraction',
        target: '90%+',
        met: atLeast(completion, KPI_TARGETS.selfServiceCompletion),
        definition:
          'Scaffolder tasks created in the window that succeeded ÷ those that finished (succeeded, failed or cancelled).',
        numerator: succeeded.length,
        denominator: finished.length,
      },
      {
        id: 'timeToFirstDeployment',
        label: 'Time to first deployment',
        value: ttfd,
        unit: 'hours',
        target: 'within one day',
        met: atMost(ttfd, KPI_TARGETS.timeToFirstDeploymentHours),
        definition:
          'Median hours from a golden-path task creating a repository (in the window) to that repository’s first successful production deployment.',
        numerator: hours.length,
        denominator: created.size,
      },
      {
        id: 'catalogCompleteness',
        label: 'Catalog completeness',
        value: completeness,
        unit: 'fraction',
        target: '80%+',
        met: atLeast(completeness, KPI_TARGETS.catalogCompleteness),
        definition:
          'Average share of filled fields per component: description, owner, system, lifecycle, docs, repository.',
      },
    ];

    return {
      group,
      window: { from: from.toISOString(), to: to.toISOString() },
      kpis,
      goldenPathUsage: [...usage.values()].sort(
        (a, b) =>
          a.weekStart.localeCompare(b.weekStart) ||
          a.template.localeCompare(b.template),
      ),
      components: rows,
    };
  }
}
