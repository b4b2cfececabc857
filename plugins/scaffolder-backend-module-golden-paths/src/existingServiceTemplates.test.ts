/*
 * The golden paths for existing services (templates whose spec.type is existing-service): their
 * shape, and that the picker's value is refused by the template's own schema when it is not a
 * component reference.
 */
import { ConfigReader } from '@backstage/config';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { HOSTILE_SUFFIXES } from './__testUtils__/hostile';
import { requireFromBackend, templatesDir } from './__testUtils__/render';
import {
  createAddDatabaseAction,
  createAddEnvironmentAction,
  createAddMonitoringAction,
} from './actions/changeExisting';
import {
  COMPONENT_REF_PATTERN,
  createFetchExistingAction,
} from './actions/fetchExisting';
import { createPublishLocalBranchAction } from './actions/publishLocalBranch';

const templates = fs
  .readdirSync(templatesDir)
  .map(template => ({
    template,
    doc: parse(
      fs.readFileSync(
        path.join(templatesDir, template, 'template.yaml'),
        'utf8',
      ),
    ),
  }))
  .filter(({ doc }) => doc.spec.type === 'existing-service');

/** The actions the templates may use: ours, and the scaffolder's pull request. */
const knownActions = new Set([
  createAddDatabaseAction().id,
  createAddMonitoringAction().id,
  createAddEnvironmentAction().id,
  createFetchExistingAction({ config: new ConfigReader({}) } as any).id,
  createPublishLocalBranchAction({} as any).id,
  'acme:database:create',
  'acme:kubernetes:environment',
  'publish:github:pull-request',
  'github:environment:create',
]);

describe('golden paths for existing services', () => {
  it('exist for databases, monitoring and environments', () => {
    expect(templates.map(t => t.template)).toEqual(
      expect.arrayContaining([
        'add-database',
        'add-monitoring',
        'add-environment',
      ]),
    );
  });

  it.each(templates.map(t => [t.template, t.doc]))(
    '%s: versioned, owned by the platform team, picks an owned component and fetches it first',
    (template, doc: any) => {
      expect(doc.metadata.name).toBe(template);
      expect(doc.spec.owner).toBe('group:default/platform-team');
      expect(doc.metadata.annotations['acme.example/template-version']).toMatch(
        /^\d+\.\d+\.\d+$/,
      );
      expect(doc.metadata.annotations['backstage.io/techdocs-ref']).toBe(
        'dir:.',
      );
      expect(
        fs.existsSync(path.join(templatesDir, template, 'docs/index.md')),
      ).toBe(true);
      const component = doc.spec.parameters[0].properties.component;
      expect(component.pattern).toBe(COMPONENT_REF_PATTERN);
      expect(component.maxLength).toBe(140);
      expect(component['ui:field']).toBe('OwnedEntityPicker');
      expect(component['ui:options']).toMatchObject({
        allowArbitraryValues: false,
        catalogFilter: [{ kind: 'Component' }],
      });
      expect(doc.spec.steps[0]).toMatchObject({
        action: 'acme:existing:fetch',
        input: { component: '${{ parameters.component }}' },
      });
      for (const step of doc.spec.steps) {
        expect([step.id, knownActions.has(step.action)]).toEqual([
          step.id,
          true,
        ]);
      }
      const pullRequest = doc.spec.steps.find(
        (s: any) => s.action === 'publish:github:pull-request',
      );
      // Only the changed files; a re-run updates the same pull request.
      expect(pullRequest.input).toMatchObject({
        sourcePath: 'change',
        update: true,
      });
      expect(pullRequest.if).toContain("'github'");
      expect(
        doc.spec.steps.find(
          (s: any) => s.action === 'acme:publish:local-branch',
        ).if,
      ).toContain("'local'");
    },
  );

  it('refuse a component value that is not a component reference', () => {
    const jsonschema =
      requireFromBackend<typeof import('jsonschema')>('jsonschema');
    for (const { doc } of templates) {
      const errors = (values: Record<string, unknown>) =>
        [doc.spec.parameters]
          .flat()
          .flatMap((step: any) => jsonschema.validate(values, step).errors)
          .map(e => `${e.property} ${e.message}`);
      expect(
        errors({
          component: 'component:default/orders-api',
          environment: 'staging',
        }),
      ).toEqual([]);
      for (const [what, suffix] of HOSTILE_SUFFIXES) {
        expect([
          what,
          errors({
            component: `component:default/orders-api${suffix}`,
            environment: 'staging',
          }),
        ]).toEqual([
          what,
          [
            expect.stringMatching(
              /^instance\.component does not match pattern/,
            ),
          ],
        ]);
      }
      expect(
        errors({
          component: 'group:default/payments-team',
          environment: 'staging',
        }),
      ).toEqual([
        expect.stringMatching(/^instance\.component does not match pattern/),
      ]);
    }
  });
});
