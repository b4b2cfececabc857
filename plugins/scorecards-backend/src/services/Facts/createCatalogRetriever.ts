import { AuthService } from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  RELATION_PROVIDES_API,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { FACTS } from '@internal/plugin-scorecards-common';
import { CatalogFactRetriever } from './types';
import { EntityRecord, FactRecord } from '../../database/ScorecardStore';

const TECHDOCS_ANNOTATION = 'backstage.io/techdocs-ref';
const ON_CALL = /on-?call|pager|opsgenie/i;
const ON_CALL_ANNOTATIONS = [
  'pagerduty.com/integration-key',
  'pagerduty.com/service-id',
  'opsgenie.com/team',
];
const DASHBOARD = /dashboard|grafana|datadog/i;

/** `group:default/payments-team` for an owner written `payments-team`; null when unreadable. */
function ownerRefOf(entity: Entity): string | null {
  const owner = (entity.spec as { owner?: unknown } | undefined)?.owner;
  if (typeof owner !== 'string' || !owner.trim()) return null;
  try {
    return stringifyEntityRef(
      parseEntityRef(owner, {
        defaultKind: 'group',
        defaultNamespace: entity.metadata.namespace ?? 'default',
      }),
    ).toLocaleLowerCase('en-US');
  } catch {
    return null;
  }
}

const PROJECT_SLUG = 'github.com/project-slug';
const SLUG = /^[A-Za-z0-9-]{1,39}\/[A-Za-z0-9._-]{1,100}$/;

/** `acme-retail/checkout-service` from the project-slug annotation; null when absent or malformed. */
export function repositoryOf(entity: Entity): string | null {
  const slug = entity.metadata.annotations?.[PROJECT_SLUG]?.trim();
  return slug && SLUG.test(slug) ? slug : null;
}

function links(entity: Entity) {
  return entity.metadata.links ?? [];
}

/** The catalog facts of one component, given the teams and the APIs that have a definition. */
export function catalogFacts(
  entity: Entity,
  teams: ReadonlySet<string>,
  definedApis: ReadonlySet<string>,
): Record<string, boolean> {
  const spec = (entity.spec ?? {}) as Record<string, unknown>;
  const annotations = entity.metadata.annotations ?? {};
  const ownerRef = ownerRefOf(entity);
  const provided = (entity.relations ?? [])
    .filter(relation => relation.type === RELATION_PROVIDES_API)
    .map(relation => relation.targetRef.toLocaleLowerCase('en-US'));
  const linkText = (link: {
    url: string;
    title?: string;
    type?: string;
    icon?: string;
  }) => [link.title, link.type, link.icon, link.url].filter(Boolean).join(' ');
  return {
    'catalog.ownerIsTeam': ownerRef !== null && teams.has(ownerRef),
    'catalog.hasSystem':
      typeof spec.system === 'string' && spec.system.trim() !== '',
    'catalog.hasLifecycle':
      typeof spec.lifecycle === 'string' && spec.lifecycle.trim() !== '',
    'catalog.hasDescription': (entity.metadata.description ?? '').trim() !== '',
    'catalog.hasTechDocs': Boolean(annotations[TECHDOCS_ANNOTATION]?.trim()),
    // no provided API: nothing lacks a definition
    'catalog.providedApisHaveDefinitions': provided.every(ref =>
      definedApis.has(ref),
    ),
    'catalog.hasOnCallLink':
      links(entity).some(link => ON_CALL.test(linkText(link))) ||
      ON_CALL_ANNOTATIONS.some(key => Boolean(annotations[key])),
    'catalog.hasDashboardLink': links(entity).some(link =>
      DASHBOARD.test(linkText(link)),
    ),
  };
}

/**
 * The catalog retriever: every Component, whom it belongs to and what it is, and its catalog
 * facts. Read with the plugin's own credentials (the scorecards cover the whole organisation).
 */
export function createCatalogRetriever(options: {
  catalog: CatalogService;
  auth: AuthService;
  now?: () => Date;
}): CatalogFactRetriever {
  const now = options.now ?? (() => new Date());
  return {
    source: 'catalog',
    facts: FACTS.filter(fact => fact.source === 'catalog').map(fact => fact.id),
    async collect() {
      const credentials = await options.auth.getOwnServiceCredentials();
      const [components, groups, apis] = await Promise.all([
        options.catalog.getEntities(
          { filter: { kind: 'Component' } },
          { credentials },
        ),
        options.catalog.getEntities(
          {
            filter: { kind: 'Group' },
            fields: [
              'kind',
              'metadata.name',
              'metadata.namespace',
              'spec.type',
            ],
          },
          { credentials },
        ),
        options.catalog.getEntities(
          {
            filter: { kind: 'API' },
            fields: [
              'kind',
              'metadata.name',
              'metadata.namespace',
              'spec.definition',
            ],
          },
          { credentials },
        ),
      ]);
      const teams = new Set(
        groups.items
          .filter(
            group =>
              (group.spec as { type?: unknown } | undefined)?.type === 'team',
          )
          .map(group => stringifyEntityRef(group).toLocaleLowerCase('en-US')),
      );
      const definedApis = new Set(
        apis.items
          .filter(api => {
            const definition = (
              api.spec as { definition?: unknown } | undefined
            )?.definition;
            return typeof definition === 'string' && definition.trim() !== '';
          })
          .map(api => stringifyEntityRef(api).toLocaleLowerCase('en-US')),
      );
      const collectedAt = now().toISOString();
      const entities: EntityRecord[] = [];
      const facts: FactRecord[] = [];
      for (const entity of components.items) {
        const entityRef = stringifyEntityRef(entity).toLocaleLowerCase('en-US');
        const spec = (entity.spec ?? {}) as Record<string, unknown>;
        entities.push({
          entityRef,
          title: entity.metadata.title ?? entity.metadata.name,
          kind: entity.kind,
          type: typeof spec.type === 'string' ? spec.type : null,
          lifecycle: typeof spec.lifecycle === 'string' ? spec.lifecycle : null,
          tags: entity.metadata.tags ?? [],
          ownerRef: ownerRefOf(entity),
          repository: repositoryOf(entity),
        });
        for (const [factId, value] of Object.entries(
          catalogFacts(entity, teams, definedApis),
        )) {
          facts.push({ entityRef, factId, value, collectedAt });
        }
      }
      return { entities, facts };
    },
  };
}
