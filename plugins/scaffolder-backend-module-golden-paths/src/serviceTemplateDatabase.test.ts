/*
 * The typescript-service template's database step and output, as written in template.yaml, run
 * by the real scaffolder backend on the machine's PostgreSQL (the steps before it, which render
 * and publish the repository, are templates.test.ts's): without a cluster the credentials are on
 * the task's page once, working, and nowhere in its log; the database's catalog Resource is
 * linked either way.
 */
import { TestDatabases } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { Client } from 'pg';
import { parse } from 'yaml';
import {
  adminUrl,
  describeWithPostgres,
  dropDatabasesAndRoles,
} from './__testUtils__/postgresAdmin';
import { templatesDir } from './__testUtils__/render';
import { startScaffolder } from './__testUtils__/scaffolderBackend';
import { createDatabaseAction } from './actions/database';
import { withRedactedOutput } from './lib/redact';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15'] });

const ADMIN_ENV = 'GOLDEN_PATHS_TEST_DB_ADMIN';
const USER = 'user:default/elena.rossi';

/** The template with only its database step, and its parameters and output as they are. */
function databaseStepsOf(template: any): Entity {
  return {
    ...template,
    metadata: { ...template.metadata, name: 'typescript-service-database' },
    spec: {
      ...template.spec,
      steps: template.spec.steps.filter((s: any) => s.id === 'database'),
    },
  };
}

describeWithPostgres("the typescript-service template's database", () => {
  const service = `gp-tsdb-${randomBytes(4).toString('hex')}`;
  const template = parse(
    fs.readFileSync(
      path.join(templatesDir, 'typescript-service', 'template.yaml'),
      'utf8',
    ),
  );
  let scaffolder: Awaited<ReturnType<typeof startScaffolder>>;

  beforeAll(async () => {
    const config = new ConfigReader({
      goldenPaths: {
        databases: {
          environments: {
            dev: { provider: 'postgres', adminConnectionEnv: ADMIN_ENV },
            staging: { provider: 'postgres', adminConnectionEnv: ADMIN_ENV },
          },
        },
      },
    });
    scaffolder = await startScaffolder({
      databases,
      databaseId: 'POSTGRES_15',
      actions: [
        withRedactedOutput(
          createDatabaseAction({ config, env: { [ADMIN_ENV]: adminUrl } }),
          [],
        ),
      ],
      entities: [databaseStepsOf(template)],
    });
  });

  afterAll(async () => {
    await scaffolder?.stop();
    await dropDatabasesAndRoles([`${service}-dev`, `${service}-staging`]);
  });

  const values = (database: boolean) => ({
    name: service,
    description: 'Takes orders',
    owner: 'group:default/payments-team',
    system: 'system:default/checkout',
    publishTo: 'local',
    environments: ['dev', 'staging'],
    database,
  });

  it('shows the handed-over credentials once on the task page, never in its log, and links the Resource', async () => {
    const result: any = await scaffolder.runTask(
      USER,
      'template:default/typescript-service-database',
      values(true),
    );
    expect(result.status).toBe('completed');

    const credentials = result.output.text.find((t: any) =>
      t.title.startsWith('Database credentials'),
    );
    const handover = JSON.parse(
      /```json\n([\s\S]*?)\n```/.exec(credentials.content)![1],
    );
    expect(Object.keys(handover)).toEqual(['dev', 'staging']);
    for (const [env, url] of Object.entries<string>(handover)) {
      const client = new Client({ connectionString: url });
      await client.connect();
      const { rows } = await client.query('SELECT current_database() AS db');
      await client.end();
      expect(rows[0].db).toBe(`${service}-${env}`);
      const password = decodeURIComponent(new URL(url).password);
      expect(result.log).not.toContain(password);
      expect(result.log).not.toContain(encodeURIComponent(password));
    }
    expect(result.log).toContain("this step's output, shown once");

    expect(result.output.links).toContainEqual({
      title: 'The database in the catalog',
      icon: 'catalog',
      entityRef: `resource:default/${service}-db`,
    });
  });

  it.each([
    ['without a database', { database: false }, []],
    [
      'with a database but no environment yet',
      { database: true, environments: [] },
      ['resource:default/SERVICE-db'],
    ],
  ])(
    'shows no credentials for a service %s, and links the Resource only when there is one',
    async (_, changed, resources) => {
      const result: any = await scaffolder.runTask(
        USER,
        'template:default/typescript-service-database',
        { ...values(true), ...changed },
      );
      expect(result.status).toBe('completed');
      expect(result.output.text.map((t: any) => t.title)).toEqual([
        'Get the code',
      ]);
      expect(
        result.output.links
          .map((l: any) => l.entityRef)
          .filter((ref: any) => String(ref).startsWith('resource:')),
      ).toEqual(resources.map(ref => ref.replace('SERVICE', service)));
    },
  );
});
