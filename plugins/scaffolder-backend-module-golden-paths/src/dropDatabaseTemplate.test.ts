/*
 * The drop-database template, run by the real scaffolder backend through its REST API on the
 * machine's PostgreSQL: the database goes only for a user the permission policy allows and
 * only with the database's name typed as confirmation.
 */
import { TestDatabases } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { parse } from 'yaml';
import { actionContext } from './__testUtils__/context';
import {
  adminUrl,
  asAdmin,
  describeWithPostgres,
  dropDatabasesAndRoles,
} from './__testUtils__/postgresAdmin';
import { templatesDir } from './__testUtils__/render';
import { startScaffolder } from './__testUtils__/scaffolderBackend';
import { createDatabaseAction } from './actions/database';
import { createDropDatabaseAction } from './actions/databaseDrop';
import { withRedactedOutput } from './lib/redact';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15'] });

const ADMIN_ENV = 'GOLDEN_PATHS_TEST_DB_ADMIN';
const OWNER = 'user:default/elena.rossi';
const STRANGER = 'user:default/mallory';

const templateEntity = parse(
  fs.readFileSync(
    path.join(templatesDir, 'drop-database', 'template.yaml'),
    'utf8',
  ),
) as Entity;

describeWithPostgres('the drop-database template', () => {
  const service = `gp-dropt-${randomBytes(4).toString('hex')}`;
  const database = `${service}-dev`;
  const config = new ConfigReader({
    goldenPaths: {
      databases: {
        environments: {
          dev: { provider: 'postgres', adminConnectionEnv: ADMIN_ENV },
        },
      },
    },
  });
  const env = { [ADMIN_ENV]: adminUrl };
  const asked: string[] = [];
  let scaffolder: Awaited<ReturnType<typeof startScaffolder>>;

  const databaseExists = () =>
    asAdmin(
      async client =>
        (
          await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [
            database,
          ])
        ).rowCount === 1,
    );

  beforeAll(async () => {
    // Only the component's owner is allowed, as the portal's policy decides through the catalog.
    const permissions = {
      authorize: async (requests: any[], { credentials }: any) =>
        requests.map(request => {
          asked.push(`${request.permission.name} ${request.resourceRef}`);
          return {
            result:
              credentials.principal.userEntityRef === OWNER
                ? AuthorizeResult.ALLOW
                : AuthorizeResult.DENY,
          };
        }),
      authorizeConditional: async () => [],
    };
    scaffolder = await startScaffolder({
      databases,
      databaseId: 'POSTGRES_15',
      actions: [
        withRedactedOutput(
          createDropDatabaseAction({
            config,
            permissions: permissions as any,
            env,
          }),
          [],
        ),
      ],
      entities: [templateEntity],
    });
    await createDatabaseAction({ config, env }).handler(
      actionContext({ input: { name: service, environments: ['dev'] } }),
    );
  });

  afterAll(async () => {
    await scaffolder?.stop();
    await dropDatabasesAndRoles([database]);
  });

  const runTask = (user: string, values: Record<string, unknown>) =>
    scaffolder.runTask(user, 'template:default/drop-database', values) as any;

  const values = (confirm: string) => ({
    component: `component:default/${service}`,
    environment: 'dev',
    confirm,
  });

  it('refuses a component that is not a default-namespace component reference', async () => {
    for (const component of [
      `component:default/${service}\n---\nkind: Group`,
      `group:default/payments-team`,
      `component:other/${service}`,
    ]) {
      await expect(
        runTask(OWNER, { ...values(database), component }),
      ).resolves.toEqual({ httpStatus: 400 });
    }
  });

  it('fails for a user who may not drop it, and drops nothing', async () => {
    const { status, log } = await runTask(STRANGER, values(database));
    expect(status).toBe('failed');
    expect(log).toContain(
      `You may not drop the databases of component:default/${service}`,
    );
    expect(asked).toContain(
      `golden-paths.database.drop component:default/${service}`,
    );
    expect(await databaseExists()).toBe(true);
  });

  it('fails without the right confirmation, naming the field, and drops nothing', async () => {
    const { status, log } = await runTask(OWNER, values(`${service}-staging`));
    expect(status).toBe('failed');
    expect(log).toContain(
      `confirm: type the database's name, ${database}, to drop it`,
    );
    expect(await databaseExists()).toBe(true);
  });

  it("drops it for the component's owner", async () => {
    const { status, output } = await runTask(OWNER, values(database));
    expect(status).toBe('completed');
    expect(await databaseExists()).toBe(false);
    expect(output.text[0].content).toContain(
      `The database \`dev/${database}\` is dropped`,
    );
    expect(output.links[0].entityRef).toBe(`component:default/${service}`);
  });
});
