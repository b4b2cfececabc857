import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import techdocsPlugin from '@backstage/plugin-techdocs-backend';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { techdocsPortalGeneratorModule } from './generatorModule';

/** A documented component whose repository holds the given `mkdocs.yml`. */
function documentedComponent(name: string, mkdocsYml: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `techdocs-${name}-`));
  fs.mkdirSync(path.join(dir, 'docs'));
  fs.writeFileSync(path.join(dir, 'docs', 'index.md'), `# ${name}\n`);
  fs.writeFileSync(path.join(dir, 'mkdocs.yml'), mkdocsYml);
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      uid: `uid-${name}`,
      annotations: {
        'backstage.io/managed-by-location': `file:${dir}/catalog-info.yaml`,
        'backstage.io/techdocs-ref': 'dir:.',
      },
    },
    spec: { type: 'service', owner: 'group:default/payments-team' },
  };
}

describe('TechDocs with the portal generator', () => {
  it('shows the reader why a build was refused, naming the key, and builds the rest', async () => {
    const publishDirectory = fs.mkdtempSync(
      path.join(os.tmpdir(), 'techdocs-published-'),
    );
    const { server } = await startTestBackend({
      features: [
        techdocsPlugin,
        techdocsPortalGeneratorModule,
        catalogServiceMock.factory({
          entities: [
            documentedComponent(
              'hooked',
              'site_name: hooked\nhooks:\n  - docs/evil.py\n',
            ),
            documentedComponent(
              'fine',
              'site_name: fine\ntheme:\n  name: material\n  font: false\nplugins: []\n',
            ),
          ],
        }),
        mockServices.rootConfig.factory({
          data: {
            techdocs: {
              builder: 'local',
              publisher: { type: 'local', local: { publishDirectory } },
            },
          },
        }),
      ],
    });

    const refused = await request(server)
      .get('/api/techdocs/sync/default/component/hooked')
      .set('Accept', 'text/event-stream');
    expect(refused.text).toContain('Step 2 of 3: Generating docs');
    expect(refused.text).toContain('event: error');
    expect(refused.text).toContain(
      'mkdocs.yml refused: \\"hooks\\" is not an allowed mkdocs setting',
    );

    // Read again at once: no second build (each failed build leaves a timer running in
    // TechDocs 2.3); the reader gets "nothing new" until the minute is over.
    const again = await request(server)
      .get('/api/techdocs/sync/default/component/hooked')
      .set('Accept', 'text/event-stream');
    expect(again.text).toContain('event: finish');
    expect(again.text).not.toContain('event: error');
    expect(again.text).not.toContain('Step 2 of 3');

    const built = await request(server)
      .get('/api/techdocs/sync/default/component/fine')
      .set('Accept', 'text/event-stream');
    expect(built.text).toContain('event: finish');
    expect(
      fs.existsSync(
        path.join(publishDirectory, 'default/component/fine/index.html'),
      ),
    ).toBe(true);
  }, 60_000);
});
