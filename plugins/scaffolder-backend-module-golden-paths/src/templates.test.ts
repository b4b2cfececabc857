/*
 * The golden paths really work: each template is rendered with sample values by the
 * scaffolder's own fetch:template action, then the generated repository's own install, lint,
 * tests and build run (npm registry only), its docs build with `mkdocs build --strict`, and its
 * Kubernetes manifests (base and each overlay) validate against the Kubernetes schemas.
 * These tests download packages: they take minutes, hence the long timeouts.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { HOSTILE_SUFFIXES } from './__testUtils__/hostile';
import {
  render,
  repoRoot,
  requireFromBackend,
  templatesDir,
} from './__testUtils__/render';
import { PARAMETER_PATTERNS } from './lib/parameters';
import { run } from './__testUtils__/run';

const LONG = 15 * 60 * 1000;

/**
 * The templates that create a new repository. The others change a service that exists
 * (spec.type existing-service; existingServiceTemplates.test.ts checks them) or maintain what
 * one has (maintenance: drop-database, dropDatabaseTemplate.test.ts).
 */
const newRepositoryTemplates = fs
  .readdirSync(templatesDir)
  .filter(
    template =>
      !['existing-service', 'maintenance'].includes(
        parse(
          fs.readFileSync(
            path.join(templatesDir, template, 'template.yaml'),
            'utf8',
          ),
        ).spec.type,
      ),
  );

/** kubernetes-models validators (an ES module package, loaded by file path). */
function validator(
  apiVersion: string,
  kind: string,
): (object: unknown) => void {
  const { createRequire } = process.getBuiltinModule(
    'node:module',
  ) as typeof import('node:module');
  const req = createRequire(__filename);
  const group = apiVersion.includes('/') ? apiVersion : `core/${apiVersion}`;
  const dir = group.startsWith('core/') ? apiVersion : group;
  const file = path.join(
    repoRoot,
    'node_modules/kubernetes-models',
    dir,
    `${kind}.js`,
  );
  const Model = req(file)[kind];
  return object => new Model(object).validate();
}

function templateVersion(template: string): string {
  const doc = parse(
    fs.readFileSync(path.join(templatesDir, template, 'template.yaml'), 'utf8'),
  );
  return doc.metadata.annotations['acme.example/template-version'];
}

function baseValues(template: string, name: string) {
  return {
    name,
    description: 'Golden path test: "quotes" & <html> survive rendering',
    owner: 'group:default/platform-team',
    ownerName: 'platform-team',
    system: 'system:default/developer-platform',
    templateName: template,
    templateVersion: templateVersion(template),
    githubSlug: '',
    githubOrg: '',
  };
}

function checkCatalogInfo(
  dir: string,
  template: string,
  name: string,
  deploys: boolean,
) {
  const docs = parseAllDocuments(
    fs.readFileSync(path.join(dir, 'catalog-info.yaml'), 'utf8'),
  ).map(d => d.toJS());
  const component = docs[0];
  expect(component.kind).toBe('Component');
  expect(component.metadata.name).toBe(name);
  expect(component.metadata.description).toContain('"quotes" & <html>');
  expect(component.spec).toMatchObject({
    owner: 'group:default/platform-team',
    system: 'system:default/developer-platform',
    lifecycle: 'experimental',
  });
  const annotations = component.metadata.annotations;
  expect(annotations['backstage.io/techdocs-ref']).toBe('dir:.');
  expect(annotations['acme.example/template']).toBe(template);
  expect(annotations['acme.example/template-version']).toBe(
    templateVersion(template),
  );
  expect(annotations['backstage.io/source-template']).toBe(
    `template:default/${template}`,
  );
  if (deploys) expect(annotations['backstage.io/kubernetes-id']).toBe(name);
  return docs;
}

/** Base manifests and every overlay (namespace + JSON 6902 patches), validated. */
function checkKubernetes(dir: string, name: string, runAsUser: number) {
  const base = path.join(dir, 'k8s/base');
  const kustomization = parse(
    fs.readFileSync(path.join(base, 'kustomization.yaml'), 'utf8'),
  );
  const objects: any[] = kustomization.resources.map((file: string) =>
    parse(fs.readFileSync(path.join(base, file), 'utf8')),
  );
  expect(objects.map(o => o.kind).sort()).toEqual([
    'Deployment',
    'HorizontalPodAutoscaler',
    'PodDisruptionBudget',
    'Service',
    'ServiceAccount',
  ]);
  for (const object of objects) {
    validator(object.apiVersion, object.kind)(object);
    expect(object.metadata.labels['backstage.io/kubernetes-id']).toBe(name);
  }
  const deployment = objects.find(o => o.kind === 'Deployment');
  const pod = deployment.spec.template.spec;
  expect(pod.securityContext).toMatchObject({
    runAsNonRoot: true,
    runAsUser,
    seccompProfile: { type: 'RuntimeDefault' },
  });
  const container = pod.containers[0];
  expect(container.securityContext).toMatchObject({
    allowPrivilegeEscalation: false,
    readOnlyRootFilesystem: true,
    capabilities: { drop: ['ALL'] },
  });
  expect(container.resources.requests).toBeDefined();
  expect(container.resources.limits).toBeDefined();
  expect(container.livenessProbe.httpGet.path).toBe('/healthz');
  expect(container.readinessProbe.httpGet).toBeDefined();

  for (const environment of ['dev', 'staging', 'production']) {
    const overlay = parse(
      fs.readFileSync(
        path.join(dir, 'k8s/overlays', environment, 'kustomization.yaml'),
        'utf8',
      ),
    );
    expect(overlay.namespace).toBe(`${name}-${environment}`);
    expect(overlay.resources).toEqual(['../../base']);
    const rendered = structuredClone(objects);
    for (const { target, patch } of overlay.patches) {
      const object = rendered.find(
        o => o.kind === target.kind && o.metadata.name === target.name,
      );
      expect(object).toBeDefined();
      for (const op of parse(patch)) {
        expect(op.op).toBe('replace');
        const keys = op.path.split('/').slice(1);
        const parent = keys
          .slice(0, -1)
          .reduce((o: any, k: string) => o[k], object);
        expect(parent[keys.at(-1)]).toBeDefined();
        parent[keys.at(-1)] = op.value;
      }
    }
    for (const object of rendered) {
      object.metadata.namespace = overlay.namespace;
      validator(object.apiVersion, object.kind)(object);
    }
    const hpa = rendered.find(o => o.kind === 'HorizontalPodAutoscaler');
    const pdb = rendered.find(o => o.kind === 'PodDisruptionBudget');
    // A PodDisruptionBudget must leave room to evict: minAvailable below the HPA's minimum.
    expect(pdb.spec.minAvailable).toBeLessThan(hpa.spec.minReplicas);
  }
}

function checkWorkflow(dir: string, environments: string[], image: boolean) {
  const workflow = parse(
    fs.readFileSync(path.join(dir, '.github/workflows/ci.yaml'), 'utf8'),
  );
  const text = JSON.stringify(workflow);
  expect(Object.keys(workflow.jobs)).toEqual(
    expect.arrayContaining([
      'build',
      ...(image ? ['image'] : ['scan', 'publish']),
    ]),
  );
  expect(text).toContain('aquasecurity/trivy-action');
  // GitHub's own ${{ }} expressions survive the scaffolder's rendering.
  expect(text).toMatch(/\$\{\{ (github\.sha|secrets\.GITHUB_TOKEN) \}\}/);
  for (const environment of environments) {
    expect(workflow.jobs[`deploy-${environment}`].environment).toBe(
      environment,
    );
  }
  expect(
    Object.keys(workflow.jobs).filter(j => j.startsWith('deploy-')),
  ).toHaveLength(environments.length);
  // The portal's Deploy, Promote and Roll back dispatch deploy.yaml with these two inputs.
  const deployFile = path.join(dir, '.github/workflows/deploy.yaml');
  expect(fs.existsSync(deployFile)).toBe(environments.length > 0);
  if (environments.length > 0) {
    const deploy = parse(fs.readFileSync(deployFile, 'utf8'));
    expect(deploy.on.workflow_dispatch.inputs).toEqual({
      environment: expect.objectContaining({
        type: 'choice',
        required: true,
        options: environments,
      }),
      ref: expect.objectContaining({ type: 'string', required: true }),
    });
    expect(deploy['run-name']).toBe(
      'Deploy ${{ inputs.ref }} to ${{ inputs.environment }}',
    );
    const steps = deploy.jobs.deploy.steps;
    expect(deploy.jobs.deploy.environment).toBe('${{ inputs.environment }}');
    // the inputs reach the shell only through environment variables
    for (const step of steps.filter((s: any) => s.run)) {
      expect(step.run).not.toContain('${{');
    }
    expect(steps.find((s: any) => s.name === 'Deploy').run).toContain(
      'kubectl apply -k "$OVERLAY"',
    );
  }
  expect(fs.readFileSync(path.join(dir, '.github/CODEOWNERS'), 'utf8')).toMatch(
    /^\*\s+@\S+\/platform-team$/m,
  );
}

function checkDockerfile(dir: string) {
  const dockerfile = fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8');
  expect(dockerfile.match(/^FROM /gm)!.length).toBeGreaterThanOrEqual(2);
  expect(dockerfile).toMatch(/^USER (1000|101):(1000|101)$/m);
}

describe('golden path templates', () => {
  const rendered: string[] = [];
  afterAll(() => {
    for (const dir of rendered)
      fs.rmSync(dir, { recursive: true, force: true });
  });

  it('are versioned, owned by the platform team and check the name first', () => {
    for (const template of newRepositoryTemplates) {
      const doc = parse(
        fs.readFileSync(
          path.join(templatesDir, template, 'template.yaml'),
          'utf8',
        ),
      );
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
      const fetchStep = doc.spec.steps.find(
        (s: any) => s.action === 'fetch:template',
      );
      expect(fetchStep.input.values.templateVersion).toBe(
        doc.metadata.annotations['acme.example/template-version'],
      );
      expect(doc.spec.steps[0].action).toBe('acme:validate-name');
      // The first step re-checks every parameter that reaches a file.
      expect(Object.keys(doc.spec.steps[0].input)).toEqual(
        expect.arrayContaining([
          'name',
          'description',
          'owner',
          'system',
          'repoUrl',
        ]),
      );
      const name = doc.spec.parameters[0].properties.name;
      expect(name).toMatchObject({
        pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$',
        maxLength: 63,
      });
      const fields = doc.spec.parameters[0].properties;
      for (const parameter of ['name', 'description', 'owner', 'system']) {
        expect(fields[parameter].pattern).toBe(
          PARAMETER_PATTERNS[parameter as keyof typeof PARAMETER_PATTERNS],
        );
      }
      // The pickers would otherwise accept any typed text.
      expect(fields.owner['ui:options'].allowArbitraryValues).toBe(false);
      expect(fields.system['ui:options'].allowArbitraryValues).toBe(false);
      const github = doc.spec.parameters[1].dependencies.publishTo.oneOf.find(
        (o: any) => o.properties.publishTo.const === 'github',
      );
      expect(github.properties.repoUrl.pattern).toBe(
        PARAMETER_PATTERNS.repoUrl,
      );
      expect(
        doc.spec.steps.find((s: any) => s.action === 'acme:publish:local').if,
      ).toContain("'local'");
      expect(
        doc.spec.steps.find((s: any) => s.action === 'publish:github').if,
      ).toContain("'github'");
    }
  });

  it(
    'typescript-service: installs, lints, tests, builds, and its docs and manifests are valid',
    async () => {
      const values = {
        ...baseValues('typescript-service', 'orders-api'),
        environments: ['dev', 'production'],
        database: true,
        githubSlug: 'acme-retail/orders-api',
        githubOrg: 'acme-retail',
        image: 'ghcr.io/acme-retail/orders-api',
      };
      const dir = await render('typescript-service', values);
      rendered.push(dir);
      const docs = checkCatalogInfo(
        dir,
        'typescript-service',
        'orders-api',
        true,
      );
      expect(docs[0].metadata.annotations['github.com/project-slug']).toBe(
        'acme-retail/orders-api',
      );
      expect(docs[1]).toMatchObject({
        kind: 'Resource',
        metadata: { name: 'orders-api-db' },
      });
      checkKubernetes(dir, 'orders-api', 1000);
      checkWorkflow(dir, ['dev', 'production'], true);
      checkDockerfile(dir);
      expect(
        JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'))
          .dependencies,
      ).toHaveProperty('pg');

      await run(
        'npm',
        ['install', '--no-audit', '--no-fund', '--loglevel=error'],
        dir,
      );
      await run('npm', ['run', 'lint'], dir);
      const tests = await run('npm', ['test'], dir);
      expect(tests).toMatch(/# fail 0/);
      await run('npm', ['run', 'build'], dir);
      expect(fs.existsSync(path.join(dir, 'dist/index.js'))).toBe(true);
      await run('mkdocs', ['build', '--strict'], dir);

      // The variant without a database, on the local git host, reuses the installed packages.
      const plain = await render('typescript-service', {
        ...baseValues('typescript-service', 'stock-api'),
        environments: [],
        database: false,
        image: 'ghcr.io/acme-retail/stock-api',
      });
      rendered.push(plain);
      const plainDocs = checkCatalogInfo(
        plain,
        'typescript-service',
        'stock-api',
        true,
      );
      expect(plainDocs).toHaveLength(1);
      expect(
        plainDocs[0].metadata.annotations['github.com/project-slug'],
      ).toBeUndefined();
      expect(fs.existsSync(path.join(plain, 'src/database'))).toBe(false);
      checkWorkflow(plain, [], true);
      fs.symlinkSync(
        path.join(dir, 'node_modules'),
        path.join(plain, 'node_modules'),
      );
      await run('npm', ['run', 'lint'], plain);
      await run('npm', ['test'], plain);
      await run('npm', ['run', 'build'], plain);
    },
    LONG,
  );

  it(
    'web-frontend: installs, lints, tests, builds, and its docs and manifests are valid',
    async () => {
      const dir = await render('web-frontend', {
        ...baseValues('web-frontend', 'shop-web'),
        environments: ['dev', 'staging', 'production'],
        image: 'ghcr.io/acme-retail/shop-web',
      });
      rendered.push(dir);
      checkCatalogInfo(dir, 'web-frontend', 'shop-web', true);
      checkKubernetes(dir, 'shop-web', 101);
      checkWorkflow(dir, ['dev', 'staging', 'production'], true);
      checkDockerfile(dir);
      expect(fs.readFileSync(path.join(dir, 'nginx.conf'), 'utf8')).toContain(
        'location = /healthz',
      );

      await run(
        'npm',
        ['install', '--no-audit', '--no-fund', '--loglevel=error'],
        dir,
      );
      await run('npm', ['run', 'lint'], dir);
      const tests = await run('npm', ['test'], dir);
      expect(tests).toMatch(/Tests\s+2 passed/);
      await run('npm', ['run', 'build'], dir);
      expect(fs.existsSync(path.join(dir, 'dist/index.html'))).toBe(true);
      await run('mkdocs', ['build', '--strict'], dir);
    },
    LONG,
  );

  it(
    'typescript-library: installs, lints, tests, builds declarations, and its docs build',
    async () => {
      const dir = await render('typescript-library', {
        ...baseValues('typescript-library', 'retry-kit'),
        npmScope: 'acme-retail',
      });
      rendered.push(dir);
      checkCatalogInfo(dir, 'typescript-library', 'retry-kit', false);
      checkWorkflow(dir, [], false);
      expect(
        JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'))
          .name,
      ).toBe('@acme-retail/retry-kit');

      await run(
        'npm',
        ['install', '--no-audit', '--no-fund', '--loglevel=error'],
        dir,
      );
      await run('npm', ['run', 'lint'], dir);
      expect(await run('npm', ['test'], dir)).toMatch(/# fail 0/);
      await run('npm', ['run', 'build'], dir);
      expect(fs.existsSync(path.join(dir, 'dist/index.d.ts'))).toBe(true);
      await run('mkdocs', ['build', '--strict'], dir);
    },
    LONG,
  );

  it(
    'docs-site: builds strictly, every page is rendered, and its manifests are valid',
    async () => {
      const dir = await render('docs-site', {
        ...baseValues('docs-site', 'handbook'),
        environments: ['production'],
        image: 'ghcr.io/acme-retail/handbook',
      });
      rendered.push(dir);
      checkCatalogInfo(dir, 'docs-site', 'handbook', true);
      checkKubernetes(dir, 'handbook', 101);
      checkWorkflow(dir, ['production'], true);
      checkDockerfile(dir);
      await run('mkdocs', ['build', '--strict'], dir);
      expect(await run('python3', ['scripts/check_site.py'], dir)).toContain(
        'checked 3 pages, 0 missing',
      );
    },
    LONG,
  );

  it(
    'template docs build strictly',
    async () => {
      for (const template of fs.readdirSync(templatesDir)) {
        const site = fs.mkdtempSync(path.join(os.tmpdir(), 'gp-site-'));
        rendered.push(site);
        await run(
          'mkdocs',
          ['build', '--strict', '--site-dir', site],
          path.join(templatesDir, template),
        );
        expect(fs.existsSync(path.join(site, 'index.html'))).toBe(true);
      }
    },
    LONG,
  );
});

/**
 * Template injection: hostile values are refused by the templates' own schemas (as the
 * scaffolder validates a posted task), and even when they get past every check, the skeletons
 * write them as YAML strings, so no value can add a document, a key or a workload.
 */
describe('golden path templates with hostile values', () => {
  const templates = newRepositoryTemplates;
  const jsonschema =
    requireFromBackend<typeof import('jsonschema')>('jsonschema');

  /** The errors `POST /api/scaffolder/v2/tasks` answers 400 with, step by step. */
  function schemaErrors(template: string, values: Record<string, unknown>) {
    const doc = parse(
      fs.readFileSync(
        path.join(templatesDir, template, 'template.yaml'),
        'utf8',
      ),
    );
    return [doc.spec.parameters]
      .flat()
      .flatMap((step: any) => jsonschema.validate(values, step).errors)
      .map(e => `${e.property} ${e.message}`);
  }

  const validValues = {
    name: 'orders-api',
    description: 'Takes orders',
    owner: 'group:default/payments-team',
    system: 'system:default/checkout',
    publishTo: 'github',
    repoUrl: 'github.com?owner=acme-retail&repo=orders-api',
  };

  it('accept well-formed values', () => {
    for (const template of templates) {
      expect(schemaErrors(template, validValues)).toEqual([]);
    }
  });

  const hostileValues = (parameter: string) =>
    HOSTILE_SUFFIXES.map(([what, suffix]) => ({
      what,
      values: {
        ...validValues,
        [parameter]: `${(validValues as any)[parameter]}${suffix}`,
      },
    }));

  it.each(['name', 'owner', 'system'])('refuse a hostile %s', parameter => {
    for (const template of templates) {
      for (const { what, values } of hostileValues(parameter)) {
        expect([what, schemaErrors(template, values)]).toEqual([
          what,
          [
            expect.stringMatching(
              new RegExp(`^instance\\.${parameter} does not match pattern`),
            ),
          ],
        ]);
      }
    }
  });

  it('refuse a hostile repoUrl', () => {
    for (const template of templates) {
      for (const { what, values } of hostileValues('repoUrl')) {
        // repoUrl lives in the `github` branch of a oneOf: refusing it refuses the branch.
        expect([what, schemaErrors(template, values)]).toEqual([
          what,
          expect.arrayContaining([
            'instance.publishTo is not exactly one from [subschema 0],[subschema 1]',
          ]),
        ]);
      }
    }
  });

  it('refuse a description with a line break, NUL, markup or template syntax', () => {
    for (const suffix of [
      '\n---\nkind: Group',
      '\u0000',
      '\u2028',
      '\u202e',
      '<script>',
      '${{ secrets.x }}',
      '{% raw %}',
    ]) {
      for (const template of templates) {
        expect(
          schemaErrors(template, {
            ...validValues,
            description: `Takes orders${suffix}`,
          }),
        ).toEqual([
          expect.stringMatching(/^instance\.description does not match/),
        ]);
      }
    }
  });

  /** Every YAML file of a rendered repository, parsed: path → documents, and parse errors. */
  function yamlFiles(dir: string) {
    const files = new Map<string, any[]>();
    const errors: string[] = [];
    const walk = (folder: string) => {
      for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
        const file = path.join(folder, entry.name);
        if (entry.isDirectory()) walk(file);
        else if (/\.ya?ml$/.test(entry.name)) {
          const docs = parseAllDocuments(fs.readFileSync(file, 'utf8'));
          errors.push(
            ...docs.flatMap(d => d.errors.map(e => `${file}: ${e.message}`)),
          );
          files.set(
            path.relative(dir, file),
            docs.map(d => d.toJS()),
          );
        }
      }
    };
    walk(dir);
    return { files, errors };
  }

  function documentCounts(files: Map<string, any[]>) {
    return Object.fromEntries(
      [...files].map(([file, docs]) => [file, docs.length]),
    );
  }

  /** One document per file, except the service's component and its database. */
  function expectedDocumentCounts(template: string, files: Map<string, any[]>) {
    return Object.fromEntries(
      [...files.keys()].map(file => [
        file,
        file === 'catalog-info.yaml' && template === 'typescript-service'
          ? 2
          : 1,
      ]),
    );
  }

  type Hostile = Record<
    'name' | 'description' | 'owner' | 'system' | 'githubSlug' | 'image',
    string
  >;

  /** What the rendered repository says about each value, read from its files. */
  function writtenValues(
    template: string,
    dir: string,
    files: Map<string, any[]>,
  ) {
    const [component, database] = files.get('catalog-info.yaml')!;
    const deployment = files.get('k8s/base/deployment.yaml')?.[0];
    const overlay = files.get('k8s/overlays/dev/kustomization.yaml')?.[0];
    const workflow = files.get('.github/workflows/ci.yaml')![0];
    const packageJson = path.join(dir, 'package.json');
    const docComment =
      template === 'typescript-library'
        ? fs.readFileSync(path.join(dir, 'src/index.ts'), 'utf8').split('*/')[0]
        : undefined;
    return {
      component: {
        name: component.metadata.name,
        description: component.metadata.description,
        owner: component.spec.owner,
        system: component.spec.system,
        slug: component.metadata.annotations['github.com/project-slug'],
        dependsOn: component.spec.dependsOn,
      },
      database: database && {
        name: database.metadata.name,
        owner: database.spec.owner,
        system: database.spec.system,
      },
      siteName: files.get('mkdocs.yml')![0].site_name,
      deployment: deployment && {
        name: deployment.metadata.name,
        owner: deployment.metadata.annotations['acme.example/owner'],
        image: deployment.spec.template.spec.containers[0].image,
      },
      overlay: overlay && {
        namespace: overlay.namespace,
        image: overlay.images[0].name,
      },
      workflow: deployment && {
        image: workflow.env.IMAGE,
        jobs: Object.keys(workflow.jobs),
        namespace: workflow.jobs['deploy-dev'].env.NAMESPACE,
      },
      packageJson: fs.existsSync(packageJson)
        ? (({ name, description }) => ({ name, description }))(
            JSON.parse(fs.readFileSync(packageJson, 'utf8')),
          )
        : undefined,
      // The library's description sits in a doc comment: it cannot close it early.
      docCommentHoldsDescription: docComment?.includes('Takes orders'),
      codeOwnerRules: fs
        .readFileSync(path.join(dir, '.github/CODEOWNERS'), 'utf8')
        .split(/\r?\n|\r|\u2028/)
        .filter(line => line.trim() && !line.startsWith('#')).length,
    };
  }

  function expectedValues(template: string, hostile: Hostile) {
    const service = template === 'typescript-service';
    const deploys = template !== 'typescript-library';
    return {
      component: {
        name: hostile.name,
        description: hostile.description,
        owner: hostile.owner,
        system: hostile.system,
        slug: hostile.githubSlug,
        dependsOn: service ? [`resource:${hostile.name}-db`] : undefined,
      },
      database: service
        ? {
            name: `${hostile.name}-db`,
            owner: hostile.owner,
            system: hostile.system,
          }
        : undefined,
      siteName: hostile.name,
      deployment: deploys
        ? {
            name: hostile.name,
            owner: hostile.owner,
            image: `${hostile.image}:latest`,
          }
        : undefined,
      overlay: deploys
        ? { namespace: `${hostile.name}-dev`, image: hostile.image }
        : undefined,
      workflow: deploys
        ? {
            image: hostile.image,
            jobs: ['build', 'image', 'deploy-dev', 'deploy-production'],
            namespace: `${hostile.name}-dev`,
          }
        : undefined,
      packageJson:
        template === 'docs-site'
          ? undefined
          : {
              name:
                template === 'typescript-library'
                  ? `@acme-retail/${hostile.name}`
                  : hostile.name,
              description: hostile.description,
            },
      docCommentHoldsDescription:
        template === 'typescript-library' ? true : undefined,
      codeOwnerRules: 1,
    };
  }

  it('name their files independently of the values (no path traversal)', async () => {
    const files = async (values: Record<string, unknown>) => {
      const dir = await render('typescript-service', {
        ...baseValues('typescript-service', 'orders-api'),
        environments: ['dev'],
        image: 'ghcr.io/acme-retail/orders-api',
        ...values,
      });
      try {
        return fs.readdirSync(dir, { recursive: true }).map(String).sort();
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    };
    const escape = '../../../../tmp/escape';
    expect(
      await files({ name: escape, database: escape, templateName: escape }),
    ).toEqual(await files({ database: true }));
    expect(fs.existsSync('/tmp/escape')).toBe(false);
  });

  it.each(HOSTILE_SUFFIXES)(
    'write values with %s as literal YAML strings',
    async (_, suffix) => {
      for (const template of templates) {
        const hostile = {
          name: `orders-api${suffix}`,
          description: `Takes orders${suffix}`,
          owner: `group:default/payments-team${suffix}`,
          ownerName: `payments-team${suffix}`,
          system: `system:default/checkout${suffix}`,
          githubSlug: `acme-retail/orders-api${suffix}`,
          githubOrg: 'acme-retail',
          image: `ghcr.io/acme-retail/orders-api${suffix}`,
          npmScope: 'acme-retail',
        };
        const dir = await render(template, {
          ...hostile,
          templateName: template,
          templateVersion: templateVersion(template),
          environments: ['dev', 'production'],
          database: true,
        });
        try {
          const { files, errors } = yamlFiles(dir);
          expect(errors).toEqual([]);
          expect(documentCounts(files)).toEqual(
            expectedDocumentCounts(template, files),
          );
          expect(writtenValues(template, dir, files)).toEqual(
            expectedValues(template, hostile),
          );
        } finally {
          fs.rmSync(dir, { recursive: true, force: true });
        }
      }
    },
    60_000,
  );
});
