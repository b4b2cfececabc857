/*
 * The golden paths for existing services keep the service working: a typescript-service is
 * rendered as the template renders it (one environment, no database, no monitoring), the three
 * changes are applied one after the other as the add-* templates apply them, and the service's
 * own install, lint, tests and build run (as in templates.test.ts), then `kustomize build` of
 * every overlay. Downloads packages from the npm registry: minutes, hence the long timeout.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { kustomizeBuild } from './__testUtils__/kustomize';
import { render } from './__testUtils__/render';
import { run } from './__testUtils__/run';
import { addDatabase } from './lib/existing/addDatabase';
import { addEnvironment } from './lib/existing/addEnvironment';
import { addMonitoring } from './lib/existing/addMonitoring';
import { checkoutFiles, writeChange } from './lib/existing/checkout';
import { ServiceChange, ServiceFiles } from './lib/existing/serviceFiles';

const LONG = 15 * 60 * 1000;

describe('golden paths for existing services', () => {
  let dir: string;
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it(
    'typescript-service with a database, monitoring and a new environment still installs, lints, tests, builds and deploys',
    async () => {
      dir = await render('typescript-service', {
        name: 'orders-api',
        description: 'Takes orders',
        owner: 'group:default/payments-team',
        ownerName: 'payments-team',
        system: 'system:default/checkout',
        templateName: 'typescript-service',
        templateVersion: '1.1.0',
        githubSlug: 'acme-retail/orders-api',
        githubOrg: 'acme-retail',
        environments: ['dev'],
        image: 'ghcr.io/acme-retail/orders-api',
        database: false,
      });
      // A team that deleted the overlays it did not use.
      fs.rmSync(path.join(dir, 'k8s/overlays/staging'), { recursive: true });
      fs.rmSync(path.join(dir, 'k8s/overlays/production'), {
        recursive: true,
      });
      const apply = async (change: (files: ServiceFiles) => ServiceChange) =>
        writeChange(
          change(checkoutFiles(dir)),
          dir,
          fs.mkdtempSync(`${dir}-change-`),
        );
      await apply(files => addDatabase(files, 'orders-api'));
      await apply(files => addMonitoring(files, 'orders-api'));
      await apply(files => addEnvironment(files, 'orders-api', 'staging'));

      await run(
        'npm',
        ['install', '--no-audit', '--no-fund', '--loglevel=error'],
        dir,
      );
      await run('npm', ['run', 'lint'], dir);
      expect(await run('npm', ['test'], dir)).toMatch(/# fail 0/);
      await run('npm', ['run', 'build'], dir);
      expect(fs.existsSync(path.join(dir, 'dist/database/database.js'))).toBe(
        true,
      );

      const workflow = parse(
        fs.readFileSync(path.join(dir, '.github/workflows/ci.yaml'), 'utf8'),
      );
      expect(workflow.jobs['deploy-staging']).toMatchObject({
        needs: 'deploy-dev',
        environment: 'staging',
        env: { OVERLAY: 'k8s/overlays/staging' },
      });
      for (const environment of ['dev', 'staging']) {
        const objects = await kustomizeBuild(
          path.join(dir, 'k8s/overlays', environment),
        );
        const deployment = objects.find(o => o.kind === 'Deployment');
        expect(deployment.metadata.namespace).toBe(`orders-api-${environment}`);
        expect(deployment.spec.template.spec.containers[0].env).toContainEqual({
          name: 'DATABASE_URL',
          valueFrom: {
            secretKeyRef: { name: 'orders-api-db', key: 'url', optional: true },
          },
        });
        expect(objects.map(o => o.kind)).toEqual(
          expect.arrayContaining(['PodMonitor', 'PrometheusRule', 'ConfigMap']),
        );
      }
    },
    LONG,
  );
});
