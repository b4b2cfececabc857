import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { LocalGitEntityProvider } from '../catalog/LocalGitEntityProvider';
import { LocalGitHost } from '../lib/LocalGitHost';

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/**
 * `acme:catalog:register-local`: registers a repository of the local git host in the catalog
 * (as a `file` location of its working copy) and waits until its main entity is there, so that
 * the "Open in catalog" link of the finished task works at once. Idempotent.
 */
export function createRegisterLocalAction(options: {
  host: LocalGitHost;
  provider: LocalGitEntityProvider;
  catalog: CatalogService;
}) {
  const { host, provider, catalog } = options;
  return createTemplateAction({
    id: 'acme:catalog:register-local',
    description:
      "Registers the catalog-info.yaml of a local git host repository's working copy in the catalog and waits for its entity.",
    supportsDryRun: true,
    schema: {
      input: {
        catalogInfoPath: z =>
          z
            .string()
            .describe(
              'catalog-info.yaml in a working copy (output of acme:publish:local)',
            ),
        waitSeconds: z =>
          z
            .number()
            .min(0)
            .max(300)
            .optional()
            .describe('How long to wait for the entity to appear (default 60)'),
      },
      output: {
        entityRef: z => z.string().describe('The registered main entity'),
        catalogInfoUrl: z => z.string().describe('The registered location'),
      },
    },
    async handler(ctx) {
      const { catalogInfoPath, waitSeconds = 60 } = ctx.input;
      if (!host.isInCheckouts(catalogInfoPath)) {
        throw new InputError(
          `catalogInfoPath: ${catalogInfoPath} is not in a working copy of the local git host`,
        );
      }
      if (ctx.isDryRun) {
        ctx.logger.info(`Dry run: would register file:${catalogInfoPath}`);
        ctx.output('entityRef', 'component:default/dry-run');
        ctx.output('catalogInfoUrl', `file:${catalogInfoPath}`);
        return;
      }
      let text: string;
      try {
        text = await fs.promises.readFile(catalogInfoPath, 'utf8');
      } catch {
        throw new InputError(
          `catalogInfoPath: ${catalogInfoPath} does not exist`,
        );
      }
      const entities = parseAllDocuments(text)
        .map(doc => doc.toJS() as Entity | null)
        .filter((e): e is Entity => Boolean(e?.kind && e?.metadata?.name));
      if (entities.length === 0) {
        throw new InputError(`${catalogInfoPath} holds no catalog entity`);
      }
      const credentials = await ctx.getInitiatorCredentials();
      const locationRef = `file:${catalogInfoPath}`;
      // The validation endpoint takes url: location references only.
      const validationRef = `url:${pathToFileURL(catalogInfoPath).href}`;
      for (const entity of entities) {
        const result = await catalog.validateEntity(entity, validationRef, {
          credentials,
        });
        if (!result.valid) {
          throw new InputError(
            `${stringifyEntityRef(
              entity,
            )} is not a valid catalog entity: ${result.errors
              .map(e => e.message)
              .join('; ')}`,
          );
        }
      }
      const main = entities.find(e => e.kind === 'Component') ?? entities[0];
      const entityRef = stringifyEntityRef(main);

      await provider.refresh();
      ctx.logger.info(
        `Registered ${locationRef}; waiting for ${entityRef} in the catalog`,
      );
      const deadline = Date.now() + waitSeconds * 1000;
      for (;;) {
        if (await catalog.getEntityByRef(entityRef, { credentials })) {
          ctx.logger.info(`${entityRef} is in the catalog`);
          break;
        }
        if (Date.now() >= deadline) {
          ctx.logger.warn(
            `${entityRef} is not in the catalog yet after ${waitSeconds} s; it will appear once the catalog has processed ${locationRef}`,
          );
          break;
        }
        await sleep(500);
      }
      ctx.output('entityRef', entityRef);
      ctx.output('catalogInfoUrl', locationRef);
    },
  });
}
