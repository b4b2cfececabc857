import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  Entity,
  RELATION_PARENT_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  readGroupRef,
  CatalogCounts,
  EvidenceProposal,
  colourForEngineers,
  colourForInfrastructureCounts,
} from '@internal/plugin-readiness-common';
import { CatalogEvidenceService } from './types';

/**
 * Parses a group reference (`payments-team`, `group:payments-team`, `group:default/x`) into
 * its normalised form; a reference of another kind or a bad shape is an InputError naming
 * the field.
 */
export function parseGroupRef(ref: string, field: string): string {
  const read = readGroupRef(ref);
  if ('error' in read) {
    throw new InputError(`${field}: ${read.error}`);
  }
  return read.ref;
}

async function count(
  catalog: CatalogService,
  filter:
    | Record<string, string | string[]>
    | Array<Record<string, string | string[]>>,
  credentials: BackstageCredentials,
): Promise<number> {
  const response = await catalog.queryEntities(
    { filter, limit: 1, fields: ['metadata.name'] },
    { credentials },
  );
  return response.totalItems;
}

export function createCatalogEvidence(options: {
  catalog: CatalogService;
}): CatalogEvidenceService {
  const { catalog } = options;

  /** Every group reachable from the chosen ones through parentOf relations. */
  async function withDescendants(
    roots: string[],
    credentials: BackstageCredentials,
  ): Promise<string[]> {
    const { items } = await catalog.getEntities(
      {
        filter: { kind: 'Group' },
        fields: ['kind', 'metadata.name', 'metadata.namespace', 'relations'],
      },
      { credentials },
    );
    const children = new Map<string, string[]>();
    for (const group of items) {
      const ref = stringifyEntityRef(group).toLocaleLowerCase('en-US');
      children.set(
        ref,
        (group.relations ?? [])
          .filter(r => r.type === RELATION_PARENT_OF)
          .map(r => r.targetRef.toLocaleLowerCase('en-US')),
      );
    }
    const seen = new Set<string>();
    const queue = [...roots];
    while (queue.length > 0) {
      const ref = queue.shift()!;
      if (seen.has(ref)) continue;
      seen.add(ref);
      queue.push(...(children.get(ref) ?? []));
    }
    return [...seen].sort();
  }

  return {
    async collect(groupRefs, { credentials, field }) {
      const refs = groupRefs.map((r, i) =>
        parseGroupRef(r, groupRefs.length > 1 ? `${field}[${i}]` : field),
      );
      const found = await catalog.getEntitiesByRefs(
        {
          entityRefs: refs,
          fields: ['kind', 'metadata.name', 'metadata.namespace', 'spec.type'],
        },
        { credentials },
      );
      found.items.forEach((entity: Entity | undefined, i: number) => {
        if (!entity) {
          throw new InputError(
            `${
              groupRefs.length > 1 ? `${field}[${i}]` : field
            }: no catalog Group '${refs[i]}'`,
          );
        }
      });
      const all = await withDescendants(refs, credentials);
      const owned = (extra: Record<string, string>) => ({
        ...extra,
        'relations.ownedBy': all,
      });
      const counts: CatalogCounts = {
        engineers: await count(
          catalog,
          { kind: 'User', 'relations.memberOf': all },
          credentials,
        ),
        services: await count(
          catalog,
          owned({ kind: 'Component', 'spec.type': 'service' }),
          credentials,
        ),
        systems: await count(catalog, owned({ kind: 'System' }), credentials),
        environments: await count(
          catalog,
          [
            owned({ kind: 'Resource', 'spec.type': 'environment' }),
            owned({ kind: 'Resource', 'spec.type': 'kubernetes-cluster' }),
          ],
          credentials,
        ),
      };
      const groupsText =
        all.length === refs.length
          ? refs.join(', ')
          : `${refs.join(', ')} and ${all.length - refs.length} sub-group(s)`;
      const proposals: EvidenceProposal[] = [
        counts.engineers > 0
          ? {
              factor: 'teamSize',
              available: true,
              value: counts.engineers,
              colour: colourForEngineers(counts.engineers),
              source: `Catalog: ${counts.engineers} users who are members of ${groupsText}`,
            }
          : {
              factor: 'teamSize',
              available: false,
              value: null,
              colour: null,
              source: `Catalog: no users are members of ${groupsText}`,
            },
        counts.services > 0
          ? {
              factor: 'infrastructureComplexity',
              available: true,
              value: null,
              colour: colourForInfrastructureCounts(counts),
              source: `Catalog: ${counts.services} services, ${counts.systems} systems and ${counts.environments} environments owned by ${groupsText}`,
            }
          : {
              factor: 'infrastructureComplexity',
              available: false,
              value: null,
              colour: null,
              source: `Catalog: no services owned by ${groupsText}`,
            },
      ];
      const organisation = found.items.some(
        e => e?.spec?.type === 'organization',
      );
      return { groupRefs: refs, counts, proposals, organisation };
    },
  };
}
