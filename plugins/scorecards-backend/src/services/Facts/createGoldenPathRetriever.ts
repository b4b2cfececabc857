import {
  AuthService,
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { goldenPathTemplatesRepository } from '@internal/plugin-golden-path-upgrades-node';
import {
  parseVersionsFile,
  recordFromAnnotations,
  TEMPLATE_ANNOTATION,
  TemplateVersion,
  versionsBehind,
} from '@internal/plugin-golden-path-upgrades-common';
import fs from 'node:fs';
import path from 'node:path';
import { FactRecord } from '../../database/ScorecardStore';
import { FactRetriever } from './types';

const FACT_IDS = [
  'goldenPath.createdFromTemplate',
  'goldenPath.versionsBehind',
] as const;

/** A template's published versions, newest first; throws when it has none readable. */
export type TemplateVersionsReader = (
  template: string,
) => Promise<TemplateVersion[]>;

/**
 * Where the golden paths' `templates/<name>/versions.yaml` live: `templates/` of
 * `goldenPathUpgrades.templatesRepository`, else of the portal's repository root, the repository
 * the golden path upgrades read the versions from.
 */
export function goldenPathTemplatesDirectory(
  config: RootConfigService,
  cwd: string = process.cwd(),
): string {
  return path.join(goldenPathTemplatesRepository(config, cwd), 'templates');
}

/**
 * Reads `<templatesDirectory>/<template>/versions.yaml`, the file the golden path upgrades read.
 * The template name comes from a catalog annotation and has already been checked to be a
 * template name (lower-case letters, digits and dashes) by `recordFromAnnotations`, so it
 * cannot leave the directory.
 */
export function templateVersionsFromDirectory(
  templatesDirectory: string,
): TemplateVersionsReader {
  return async template =>
    parseVersionsFile(
      await fs.promises.readFile(
        path.join(templatesDirectory, template, 'versions.yaml'),
        'utf8',
      ),
    );
}

/**
 * The golden path retriever: per Component, whether a golden path created it (the
 * `acme.example/template` annotation every golden path writes) and, when it did, how many
 * published versions of that template are newer than the one in `acme.example/template-version`.
 * A version or template that cannot be read leaves `versionsBehind` not collected, and is logged.
 */
export function createGoldenPathRetriever(options: {
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
  versionsOf: TemplateVersionsReader;
  now?: () => Date;
}): FactRetriever {
  const now = options.now ?? (() => new Date());
  return {
    source: 'goldenPath',
    facts: FACT_IDS,
    async collect(entities, signal) {
      const components = entities.filter(
        e => e.kind.toLocaleLowerCase('en-US') === 'component',
      );
      if (components.length === 0) return [];
      const credentials = await options.auth.getOwnServiceCredentials();
      const { items } = await options.catalog.getEntitiesByRefs(
        {
          entityRefs: components.map(e => e.entityRef),
          fields: ['metadata.annotations'],
        },
        { credentials },
      );
      // one read of each template's versions.yaml per collection
      const versionsByTemplate = new Map<
        string,
        Promise<TemplateVersion[] | undefined>
      >();
      const versionsOf = (template: string) => {
        let versions = versionsByTemplate.get(template);
        if (!versions) {
          versions = options.versionsOf(template).catch(error => {
            options.logger.warn('Scorecards could not read a golden path', {
              template,
              error: String(error),
            });
            return undefined;
          });
          versionsByTemplate.set(template, versions);
        }
        return versions;
      };

      const collectedAt = now().toISOString();
      const facts: FactRecord[] = [];
      for (const [index, entity] of components.entries()) {
        if (signal?.aborted) break;
        const annotations = items[index]?.metadata.annotations;
        const createdFromTemplate = Boolean(
          annotations?.[TEMPLATE_ANNOTATION]?.trim(),
        );
        let behind: number | null = null;
        if (createdFromTemplate) {
          try {
            const record = recordFromAnnotations(annotations);
            const versions = record && (await versionsOf(record.template));
            if (record && versions) {
              behind = versionsBehind(versions, record.version);
            }
          } catch (error) {
            options.logger.warn(
              'Scorecards could not read a component’s golden path record',
              { entityRef: entity.entityRef, error: String(error) },
            );
          }
        }
        facts.push(
          {
            entityRef: entity.entityRef,
            factId: 'goldenPath.createdFromTemplate',
            value: createdFromTemplate,
            collectedAt,
          },
          {
            entityRef: entity.entityRef,
            factId: 'goldenPath.versionsBehind',
            value: behind,
            collectedAt,
          },
        );
      }
      return facts;
    },
  };
}
