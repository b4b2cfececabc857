/*
 * The golden paths really work: each template is rendered with sample values by the
 * scaffolder's own fetch:template action, then the generated repository's own install, lint,
 * tests and build run (npm registry only), its docs build with `mkdocs build --strict`, and its
 * Kubernetes manifests (base and each overlay) validate against the Kubernetes schemas.
 * These tests download packages: they take minutes, hence the long timeouts.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { render, repoRoot, templatesDir } from './__testUtils__/render';

const LONG = 15 * 60 * 1000;

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

function run(command: string, args: string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      {
        cwd,
        maxBuffer: 64 * 1024 * 1024,
        env: {
          ...process.env,
          CI: 'true',
          NO_COLOR: '1',
          FORCE_COLOR: '0',
          npm_config_fund: 'false',
          npm_config_audit: 'false',
        },
      },
      (error, stdout, stderr) => {
        if (error) {
          reject(
            new Error(
              `${command} ${args.join(
                ' ',
              )} failed in ${cwd}:\n${stdout}\n${stderr}`,
            ),
          );
        } else {
          resolve(`${stdout}${stderr}`);
        }
      },
    );
  });
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
    for (const template of fs.readdirSync(templatesDir)) {
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
      const name = doc.spec.parameters[0].properties.name;
      expect(name).toMatchObject({
        pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$',
        maxLength: 63,
      });
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
