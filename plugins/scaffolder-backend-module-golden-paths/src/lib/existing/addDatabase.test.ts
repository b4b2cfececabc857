import fs from 'node:fs';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { render } from '../../__testUtils__/render';
import { addDatabase } from './addDatabase';
import { checkoutFiles } from './checkout';
import { ServiceFiles } from './serviceFiles';

jest.setTimeout(60_000);

function serviceValues(database: boolean) {
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
    environments: ['dev', 'production'],
    image: 'ghcr.io/acme-retail/orders-api',
    database,
  };
}

/** The files of `dir`, with some replaced. */
function edited(dir: string, replaced: Record<string, string>): ServiceFiles {
  const files = checkoutFiles(dir);
  return {
    read: file => (file in replaced ? replaced[file] : files.read(file)),
  };
}

describe('addDatabase', () => {
  let plain: string;
  let withDatabase: string;

  beforeAll(async () => {
    plain = await render('typescript-service', serviceValues(false));
    withDatabase = await render('typescript-service', serviceValues(true));
  });
  afterAll(() => {
    for (const dir of [plain, withDatabase])
      fs.rmSync(dir, { recursive: true, force: true });
  });

  const read = (dir: string, file: string) =>
    fs.readFileSync(path.join(dir, file), 'utf8');

  it('makes a service without a database what the template makes with one', () => {
    const change = addDatabase(checkoutFiles(plain), 'orders-api');
    expect([...change.files.keys()].sort()).toEqual([
      'catalog-info.yaml',
      'k8s/base/deployment.yaml',
      'package.json',
      'src/config.ts',
      'src/database/database.ts',
      'src/index.ts',
    ]);
    // The code, line for line.
    for (const file of [
      'src/config.ts',
      'src/index.ts',
      'src/database/database.ts',
    ]) {
      expect([file, change.files.get(file)]).toEqual([
        file,
        read(withDatabase, file),
      ]);
    }
    // The data, value for value.
    const pkg = JSON.parse(change.files.get('package.json')!);
    const expectedPkg = JSON.parse(read(withDatabase, 'package.json'));
    expect(pkg.dependencies).toEqual(expectedPkg.dependencies);
    expect(pkg.devDependencies).toEqual(expectedPkg.devDependencies);
    expect(parse(change.files.get('k8s/base/deployment.yaml')!)).toEqual(
      parse(read(withDatabase, 'k8s/base/deployment.yaml')),
    );
    const [component, resource] = parseAllDocuments(
      change.files.get('catalog-info.yaml')!,
    ).map(d => d.toJS());
    const [expectedComponent, expectedResource] = parseAllDocuments(
      read(withDatabase, 'catalog-info.yaml'),
    ).map(d => d.toJS());
    expect(component).toEqual(expectedComponent);
    // The template's Resource also records the template version it came from.
    delete expectedResource.metadata.annotations;
    expect(resource).toEqual(expectedResource);
    expect(change.title).toBe('Add a PostgreSQL database to orders-api');
    expect(change.description).toContain('`k8s/base/deployment.yaml`');
    expect(change.description).toContain('Secret `orders-api-db`');
  });

  it("keeps the team's comments and own additions in the YAML it edits", () => {
    const deployment = read(plain, 'k8s/base/deployment.yaml').replace(
      '          env:\n',
      '          # Tuned by the payments team, keep\n          env:\n            - name: FEATURE_REFUNDS\n              value: "on"\n',
    );
    const catalogInfo = `# Owned by payments\n${read(
      plain,
      'catalog-info.yaml',
    )}  dependsOn: [resource:stripe] # the PSP\n`;
    const change = addDatabase(
      edited(plain, {
        'k8s/base/deployment.yaml': deployment,
        'catalog-info.yaml': catalogInfo,
      }),
      'orders-api',
    );
    const newDeployment = change.files.get('k8s/base/deployment.yaml')!;
    expect(newDeployment).toContain('# Tuned by the payments team, keep');
    expect(
      parse(newDeployment).spec.template.spec.containers[0].env.map(
        (e: { name: string }) => e.name,
      ),
    ).toEqual(['FEATURE_REFUNDS', 'PORT', 'LOG_LEVEL', 'DATABASE_URL']);
    const newCatalogInfo = change.files.get('catalog-info.yaml')!;
    expect(newCatalogInfo).toMatch(/^# Owned by payments\n/);
    expect(newCatalogInfo).toContain(
      'dependsOn: [resource:stripe, resource:orders-api-db] # the PSP',
    );
  });

  it('refuses a service that already has a database, saying so', () => {
    expect(() =>
      addDatabase(checkoutFiles(withDatabase), 'orders-api'),
    ).toThrow(
      /^orders-api already has a database \(catalog-info\.yaml depends on resource:orders-api-db\)$/,
    );
    const once = addDatabase(checkoutFiles(plain), 'orders-api');
    const changed: ServiceFiles = {
      read: file => once.files.get(file) ?? checkoutFiles(plain).read(file),
    };
    expect(() => addDatabase(changed, 'orders-api')).toThrow(
      /already has a database/,
    );
  });

  it.each([
    [
      'k8s/base/deployment.yaml',
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: orders-api\n',
      /^k8s\/base\/deployment\.yaml is not in the shape the golden path expects: it is not a Deployment/,
    ],
    [
      'k8s/base/deployment.yaml',
      'kind: Deployment\nspec:\n  template:\n    spec:\n      containers: none\n',
      /^k8s\/base\/deployment\.yaml .*spec\.template\.spec\.containers is not a list/,
    ],
    [
      'k8s/base/deployment.yaml',
      'kind: Deployment\n  bad: [indent\n',
      /^k8s\/base\/deployment\.yaml is not in the shape/,
    ],
    [
      'src/index.ts',
      "import { readConfig } from './config.js';\nconst server = startEverything();\n",
      /^src\/index\.ts .*the logger created from the config/,
    ],
    [
      'src/index.ts',
      'createApp({ ready: () => cache.ping() });\n',
      /^src\/index\.ts .*already has a readiness check/,
    ],
    [
      'catalog-info.yaml',
      'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: something-else\n',
      /^catalog-info\.yaml .*it has no Component named orders-api/,
    ],
    ['package.json', '{ "name": ', /^package\.json is not in the shape/],
  ])('refuses %s in another shape, naming it', (file, content, message) => {
    expect(() =>
      addDatabase(edited(plain, { [file]: content }), 'orders-api'),
    ).toThrow(message);
  });

  it('refuses a component made from another golden path', () => {
    const catalogInfo = read(plain, 'catalog-info.yaml').replace(
      'acme.example/template: "typescript-service"',
      'acme.example/template: "web-frontend"',
    );
    expect(catalogInfo).toContain('"web-frontend"');
    expect(() =>
      addDatabase(
        edited(plain, { 'catalog-info.yaml': catalogInfo }),
        'orders-api',
      ),
    ).toThrow(
      'orders-api was made from the "web-frontend" golden path; add-database changes services made from typescript-service',
    );
  });

  it('refuses a missing file, naming it', () => {
    expect(() =>
      addDatabase(
        {
          read: file =>
            file === 'src/config.ts'
              ? undefined
              : checkoutFiles(plain).read(file),
        },
        'orders-api',
      ),
    ).toThrow(/^src\/config\.ts .*the file is missing/);
  });

  it('writes values read from the catalog entry as YAML strings', () => {
    const catalogInfo = read(plain, 'catalog-info.yaml').replace(
      'owner: "group:default/payments-team"',
      'owner: "group:default/payments-team\\n---\\nkind: Pod"',
    );
    expect(catalogInfo).toContain('\\n---\\nkind: Pod');
    const change = addDatabase(
      edited(plain, { 'catalog-info.yaml': catalogInfo }),
      'orders-api',
    );
    const docs = parseAllDocuments(change.files.get('catalog-info.yaml')!).map(
      d => d.toJS(),
    );
    expect(docs.map(d => d.kind)).toEqual(['Component', 'Resource']);
    expect(docs[1].spec.owner).toBe(
      'group:default/payments-team\n---\nkind: Pod',
    );
  });
});
