import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { kustomizeBuild } from '../../__testUtils__/kustomize';
import { render } from '../../__testUtils__/render';
import { addEnvironment } from './addEnvironment';
import { checkoutFiles, writeChange } from './checkout';
import { ServiceFiles } from './serviceFiles';

jest.setTimeout(60_000);

function values(environments: string[]) {
  return {
    name: 'orders-api',
    description: 'Takes orders',
    owner: 'group:default/payments-team',
    ownerName: 'payments-team',
    system: 'system:default/checkout',
    templateName: 'typescript-service',
    templateVersion: '1.1.0',
    githubSlug: '',
    githubOrg: '',
    environments,
    image: 'ghcr.io/acme-retail/orders-api',
    database: false,
  };
}

const DEPLOY_WORKFLOW = `# Deploy a ref to an environment from the portal
name: deploy
on:
  workflow_dispatch:
    inputs:
      environment:
        description: Where to deploy
        type: choice
        options: [dev, production] # keep in order
        required: true
      ref:
        type: string
        required: true
jobs:
  deploy:
    runs-on: ubuntu-latest
    environment: \${{ inputs.environment }}
    steps:
      - uses: actions/checkout@v4
`;

function withFiles(
  dir: string,
  replaced: Record<string, string | undefined>,
): ServiceFiles {
  const files = checkoutFiles(dir);
  return {
    read: file => (file in replaced ? replaced[file] : files.read(file)),
  };
}

describe('addEnvironment', () => {
  let devAndProduction: string;
  let all: string;
  beforeAll(async () => {
    devAndProduction = await render(
      'typescript-service',
      values(['dev', 'production']),
    );
    all = await render(
      'typescript-service',
      values(['dev', 'staging', 'production']),
    );
  });
  afterAll(() => {
    for (const dir of [devAndProduction, all])
      fs.rmSync(dir, { recursive: true, force: true });
  });

  const read = (dir: string, file: string) =>
    fs.readFileSync(path.join(dir, file), 'utf8');

  it('puts the deploy job between its neighbours, as the template does for a new service', () => {
    const change = addEnvironment(
      checkoutFiles(devAndProduction),
      'orders-api',
      'staging',
    );
    // The overlay exists (the template renders all three); the workflows are what differ
    // (deploy.yaml, with its choice of environments, where the template writes one).
    const workflows = [
      '.github/workflows/ci.yaml',
      '.github/workflows/deploy.yaml',
    ].filter(file => checkoutFiles(devAndProduction).read(file) !== undefined);
    expect(
      [...change.files.keys()].filter(file => file !== 'catalog-info.yaml'),
    ).toEqual(workflows);
    for (const file of workflows) {
      expect([file, parse(change.files.get(file)!)]).toEqual([
        file,
        parse(read(all, file)),
      ]);
    }
    const workflow = change.files.get('.github/workflows/ci.yaml')!;
    // Comments and GitHub's expressions are kept as written.
    expect(workflow).toContain('# Golden-path pipeline: lint, test and build');
    expect(workflow).toContain('${{ secrets.GITHUB_TOKEN }}');
    expect(Object.keys(parse(workflow).jobs)).toEqual([
      'build',
      'image',
      'deploy-dev',
      'deploy-staging',
      'deploy-production',
    ]);
    expect(change.title).toBe('Add the staging environment to orders-api');
    expect(change.description).toContain('`deploy-staging`');
  });

  it("writes a missing overlay that kustomize builds like the template's", async () => {
    const overlay = 'k8s/overlays/staging/kustomization.yaml';
    const files = withFiles(devAndProduction, { [overlay]: undefined });
    const change = addEnvironment(files, 'orders-api', 'staging');
    expect(parse(change.files.get(overlay)!)).toEqual(
      parse(read(all, overlay)),
    );
    const work = fs.mkdtempSync(`${devAndProduction}-env-`);
    try {
      fs.cpSync(devAndProduction, work, { recursive: true });
      fs.rmSync(path.join(work, overlay));
      await writeChange(change, work, path.join(work, '.change'));
      expect(
        await kustomizeBuild(path.join(work, 'k8s/overlays/staging')),
      ).toEqual(await kustomizeBuild(path.join(all, 'k8s/overlays/staging')));
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  });

  it('adds the choice to the deploy workflow when there is one, keeping its comments', () => {
    const change = addEnvironment(
      withFiles(devAndProduction, {
        '.github/workflows/deploy.yaml': DEPLOY_WORKFLOW,
      }),
      'orders-api',
      'staging',
    );
    const deploy = change.files.get('.github/workflows/deploy.yaml')!;
    expect(
      parse(deploy).on.workflow_dispatch.inputs.environment.options,
    ).toEqual(['dev', 'staging', 'production']);
    expect(deploy).toContain(
      'options: [dev, staging, production] # keep in order',
    );
    expect(deploy).toContain(
      '# Deploy a ref to an environment from the portal',
    );
    expect(deploy).toContain('environment: ${{ inputs.environment }}');
    // Quoted as the template writes the list.
    const quoted = DEPLOY_WORKFLOW.replace(
      'options: [dev, production]',
      'options: ["dev","production"]',
    );
    expect(
      addEnvironment(
        withFiles(devAndProduction, {
          '.github/workflows/deploy.yaml': quoted,
        }),
        'orders-api',
        'staging',
      ).files.get('.github/workflows/deploy.yaml'),
    ).toContain('options: ["dev", "staging", "production"]');
    // A deploy workflow whose environment input takes GitHub's environments needs nothing.
    const typed = DEPLOY_WORKFLOW.replace(
      /type: choice\n\s+options: .*\n/,
      'type: environment\n',
    );
    expect(
      addEnvironment(
        withFiles(devAndProduction, { '.github/workflows/deploy.yaml': typed }),
        'orders-api',
        'staging',
      ).files.has('.github/workflows/deploy.yaml'),
    ).toBe(false);
  });

  it('refuses an environment the service has, one it does not know, and workflows in another shape', () => {
    expect(() =>
      addEnvironment(checkoutFiles(all), 'orders-api', 'staging'),
    ).toThrow(
      'orders-api already has the staging environment (k8s/overlays/staging/kustomization.yaml and the deploy-staging job of .github/workflows/ci.yaml exist)',
    );
    expect(() =>
      addEnvironment(checkoutFiles(all), 'orders-api', 'qa\n---\nkind: Pod'),
    ).toThrow(
      /^environment: "qa\\n---\\nkind: Pod" is not one of dev, staging, production$/,
    );
    expect(() =>
      addEnvironment(
        withFiles(devAndProduction, {
          '.github/workflows/ci.yaml': 'name: ci\njobs: []\n',
        }),
        'orders-api',
        'staging',
      ),
    ).toThrow(
      /^\.github\/workflows\/ci\.yaml is not in the shape the golden path expects: jobs is not a mapping/,
    );
    expect(() =>
      addEnvironment(
        withFiles(devAndProduction, {
          '.github/workflows/deploy.yaml': 'on:\n  workflow_dispatch: {}\n',
        }),
        'orders-api',
        'staging',
      ),
    ).toThrow(
      /^\.github\/workflows\/deploy\.yaml is not in the shape .*inputs\.environment is not a mapping/,
    );
  });

  it('records the environment among the template values the component keeps', () => {
    const catalogInfo = read(devAndProduction, 'catalog-info.yaml')
      .replace(/\n {4}acme\.example\/template-values: .*\n/, '\n')
      .replace(
        '  annotations:\n',
        `  annotations:\n    acme.example/template-values: ${JSON.stringify(
          JSON.stringify({
            name: 'orders-api',
            environments: ['production', 'dev'],
          }),
        )}\n`,
      );
    const change = addEnvironment(
      withFiles(devAndProduction, { 'catalog-info.yaml': catalogInfo }),
      'orders-api',
      'staging',
    );
    const recorded = parse(change.files.get('catalog-info.yaml')!).metadata
      .annotations['acme.example/template-values'];
    expect(JSON.parse(recorded)).toEqual({
      name: 'orders-api',
      environments: ['dev', 'staging', 'production'],
    });
  });

  it('adds the first deploy job after the image job', () => {
    const none = parse(read(devAndProduction, '.github/workflows/ci.yaml'));
    delete none.jobs['deploy-dev'];
    delete none.jobs['deploy-production'];
    const change = addEnvironment(
      withFiles(devAndProduction, {
        '.github/workflows/ci.yaml': JSON.stringify(none),
      }),
      'orders-api',
      'production',
    );
    const jobs = parse(change.files.get('.github/workflows/ci.yaml')!).jobs;
    expect(Object.keys(jobs)).toEqual(['build', 'image', 'deploy-production']);
    expect(jobs['deploy-production'].needs).toBe('image');
  });
});
