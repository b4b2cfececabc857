import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EntityRecord } from '../../database/ScorecardStore';
import {
  createGoldenPathRetriever,
  goldenPathTemplatesDirectory,
  templateVersionsFromDirectory,
} from './createGoldenPathRetriever';

const VERSIONS_YAML = `versions:
  - version: 1.2.0
    date: 2026-12-03
    changes: A deploy workflow.
    why: Deploys go through the service's own pipeline.
  - version: 1.1.0
    date: 2026-12-03
    changes: The owner must be a team you are a member of.
    why: Ownership decides who may change a service.
  - version: 1.0.0
    date: 2026-11-23
    changes: The first version of this golden path.
    why: One supported way to start.
`;

function component(name: string, annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: { type: 'service', owner: 'payments-team' },
  };
}

function made(template: string, version: string) {
  return {
    'acme.example/template': template,
    'acme.example/template-version': version,
    'acme.example/template-values': '{"name":"x"}',
  };
}

function record(name: string, kind = 'Component'): EntityRecord {
  return {
    entityRef: `${kind.toLowerCase()}:default/${name}`,
    title: name,
    kind,
    type: 'service',
    lifecycle: 'production',
    tags: [],
    ownerRef: 'group:default/payments-team',
    repository: null,
  };
}

const catalog = catalogServiceMock({
  entities: [
    component('checkout', made('typescript-service', '1.0.0')),
    component('cart', made('typescript-service', '1.2.0')),
    component('handmade', {}),
    // the template annotation without a readable version
    component('broken', {
      'acme.example/template': 'typescript-service',
      'acme.example/template-version': 'latest',
    }),
    // a template name that tries to leave the templates directory
    component('escape', made('../secrets', '1.0.0')),
    // a template the directory does not hold
    component('retired', made('retired-path', '1.0.0')),
  ],
});

describe('createGoldenPathRetriever', () => {
  let templatesDir: string;

  beforeAll(async () => {
    templatesDir = await fs.promises.mkdtemp(
      path.join(os.tmpdir(), 'scorecards-templates-'),
    );
    await fs.promises.mkdir(path.join(templatesDir, 'typescript-service'));
    await fs.promises.writeFile(
      path.join(templatesDir, 'typescript-service', 'versions.yaml'),
      VERSIONS_YAML,
    );
  });
  afterAll(() =>
    fs.promises.rm(templatesDir, { recursive: true, force: true }),
  );

  it('says which components a golden path created and how far behind its latest version each is', async () => {
    const logger = mockServices.logger.mock();
    const versionsOf = jest.fn(templateVersionsFromDirectory(templatesDir));
    const retriever = createGoldenPathRetriever({
      catalog,
      auth: mockServices.auth(),
      logger,
      versionsOf,
      now: () => new Date('2026-12-03T10:00:00.000Z'),
    });
    const facts = await retriever.collect([
      record('checkout'),
      record('cart'),
      record('handmade'),
      record('broken'),
      record('escape'),
      record('retired'),
      record('payments-api', 'API'),
    ]);
    const of = (name: string) =>
      Object.fromEntries(
        facts
          .filter(f => f.entityRef === `component:default/${name}`)
          .map(f => [f.factId, f.value]),
      );
    // 1.0.0: 1.1.0 and 1.2.0 are newer, so 2 behind
    expect(of('checkout')).toEqual({
      'goldenPath.createdFromTemplate': true,
      'goldenPath.versionsBehind': 2,
    });
    // 1.2.0 is the latest
    expect(of('cart')).toEqual({
      'goldenPath.createdFromTemplate': true,
      'goldenPath.versionsBehind': 0,
    });
    // not made from a golden path: versions behind is not collected
    expect(of('handmade')).toEqual({
      'goldenPath.createdFromTemplate': false,
      'goldenPath.versionsBehind': null,
    });
    for (const name of ['broken', 'escape', 'retired']) {
      expect(of(name)).toEqual({
        'goldenPath.createdFromTemplate': true,
        'goldenPath.versionsBehind': null,
      });
    }
    // only Components, and every fact stamped with the collection's time
    expect(facts).toHaveLength(12);
    expect(new Set(facts.map(f => f.collectedAt))).toEqual(
      new Set(['2026-12-03T10:00:00.000Z']),
    );
    // versions.yaml read once per template, never for a name that is not a template name
    expect(versionsOf.mock.calls).toEqual([
      ['typescript-service'],
      ['retired-path'],
    ]);
    expect(logger.warn).toHaveBeenCalledWith(
      'Scorecards could not read a golden path',
      expect.objectContaining({ template: 'retired-path' }),
    );
    expect(logger.warn).toHaveBeenCalledWith(
      'Scorecards could not read a component’s golden path record',
      expect.objectContaining({ entityRef: 'component:default/escape' }),
    );
  });

  it('collects nothing when no Component is given', async () => {
    const versionsOf = jest.fn();
    const retriever = createGoldenPathRetriever({
      catalog,
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
      versionsOf,
    });
    await expect(
      retriever.collect([record('payments-api', 'API')]),
    ).resolves.toEqual([]);
    expect(versionsOf).not.toHaveBeenCalled();
  });
});

describe('goldenPathTemplatesDirectory', () => {
  it('is templates/ of the configured templates repository', () => {
    const config = mockServices.rootConfig({
      data: { goldenPathUpgrades: { templatesRepository: '/srv/portal' } },
    });
    expect(goldenPathTemplatesDirectory(config)).toBe(
      path.join('/srv/portal', 'templates'),
    );
  });

  it('is templates/ of the portal repository by default, whose golden paths publish versions', async () => {
    const dir = goldenPathTemplatesDirectory(
      mockServices.rootConfig(),
      __dirname,
    );
    expect(dir).toBe(path.resolve(__dirname, '../../../../../templates'));
    const versions = await templateVersionsFromDirectory(dir)(
      'typescript-service',
    );
    expect(versions[versions.length - 1].version).toBe('1.0.0');
  });
});
