import fs from 'node:fs';
import path from 'node:path';
import { validateMkdocsYaml } from './mkdocsPolicy';

const repositoryRoot = path.resolve(__dirname, '../../../..');

/** Each sample is a real attack on mkdocs; the refusal must name what was refused. */
const maliciousSamples: Array<[string, string, string]> = [
  [
    'hooks run Python files',
    'site_name: x\nhooks:\n  - evil.py\n',
    '"hooks" is not an allowed mkdocs setting',
  ],
  [
    'a theme custom_dir overrides templates',
    'site_name: x\ntheme:\n  name: material\n  custom_dir: overrides\n',
    '"theme.custom_dir" is not an allowed theme setting',
  ],
  [
    'a Python theme package is imported',
    'site_name: x\ntheme:\n  name: evil_theme\n',
    '"theme.name" is "evil_theme"',
  ],
  [
    'pymdownx.snippets reads files from disk',
    'site_name: x\nmarkdown_extensions:\n  - admonition\n  - pymdownx.snippets:\n      base_path: [/etc]\n',
    '"markdown_extensions[1].pymdownx.snippets" is not an allowed Markdown extension',
  ],
  [
    'an arbitrary Python module as an extension',
    'site_name: x\nmarkdown_extensions:\n  - os\n',
    '"markdown_extensions[0].os" is not an allowed Markdown extension',
  ],
  [
    'a !!python/object tag',
    'site_name: x\nextra_value: !!python/object/apply:os.system ["id"]\n',
    '"extra_value" uses the YAML tag !!python/object/apply:os.system',
  ],
  [
    'a tag inside an allowed extension',
    'site_name: x\nmarkdown_extensions:\n  - toc:\n      slugify: !!python/name:os.system\n',
    '"markdown_extensions[0].toc.slugify" uses the YAML tag !!python/name:os.system',
  ],
  [
    'an !ENV tag reads the environment',
    'site_name: !ENV [POSTGRES_PASSWORD]\n',
    '"site_name" uses the YAML tag !ENV',
  ],
  [
    'docs_dir outside the repository',
    'site_name: x\ndocs_dir: ../..\n',
    '"docs_dir" must be a relative folder inside the repository',
  ],
  [
    'an absolute docs_dir',
    'site_name: x\ndocs_dir: /etc\n',
    '"docs_dir" must be a relative folder inside the repository',
  ],
  [
    'site_dir writes elsewhere',
    'site_name: x\nsite_dir: /app/packages\n',
    '"site_dir" is not an allowed mkdocs setting',
  ],
  [
    'INHERIT reads another file',
    'INHERIT: ../../app-config.production.yaml\nsite_name: x\n',
    '"INHERIT" is not an allowed mkdocs setting',
  ],
  [
    'a plugin is imported',
    'site_name: x\nplugins:\n  - search\n  - macros\n',
    '"plugins[1].macros" is not an allowed mkdocs plugin',
  ],
  [
    'a plugin given as a mapping',
    'site_name: x\nplugins:\n  search: {}\n  mkdocs-simple-hooks: {}\n',
    '"plugins[1].mkdocs-simple-hooks" is not an allowed mkdocs plugin',
  ],
  [
    'an option the search plugin does not need',
    'site_name: x\nplugins:\n  - search:\n      prebuild_index: true\n',
    '"plugins[0].search.prebuild_index" is not an allowed option',
  ],
  [
    'extra JavaScript in every page',
    'site_name: x\nextra_javascript: [https://attacker.example/x.js]\n',
    '"extra_javascript" is not an allowed mkdocs setting',
  ],
  [
    'a script link as repository',
    'site_name: x\nrepo_url: "javascript:fetch(\'//attacker.example\')"\n',
    '"repo_url" must be an http(s) URL',
  ],
  [
    'a script link as edit link',
    'site_name: x\nedit_uri: "javascript:alert(1)"\n',
    '"edit_uri" must be a path or an http(s) URL',
  ],
  [
    'a data: URL as logo',
    'site_name: x\ntheme:\n  name: material\n  logo: "data:image/svg+xml,<svg onload=alert(1)>"\n',
    '"theme.logo" must be a path inside docs_dir',
  ],
  [
    'web fonts',
    'site_name: x\ntheme:\n  name: material\n  font:\n    text: Roboto\n',
    '"theme.font" must be false',
  ],
];

describe('validateMkdocsYaml', () => {
  it.each(maliciousSamples)('refuses %s', (_, source, message) => {
    expect(() => validateMkdocsYaml(source)).toThrow(message);
    expect(() => validateMkdocsYaml(source)).toThrow(
      expect.objectContaining({ name: 'InputError' }),
    );
  });

  it('refuses duplicate keys, which PyYAML and this parser would read differently', () => {
    expect(() =>
      validateMkdocsYaml('site_name: x\ntheme: material\ntheme: evil\n'),
    ).toThrow(/not valid YAML \(DUPLICATE_KEY at line 3/);
  });

  it('does not echo the file into the message when it is not YAML', () => {
    let message = '';
    try {
      validateMkdocsYaml('site_name: "secret-value\n: [');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^mkdocs.yml is not valid YAML/);
    expect(message).not.toContain('secret-value');
  });

  it('accepts web links and relative paths where links go', () => {
    expect(
      validateMkdocsYaml(
        'site_name: x\nsite_url: https://docs.acme-retail.example/x/\nrepo_url: https://github.com/acme-retail/x\nedit_uri: edit/main/docs/\ntheme:\n  name: material\n  logo: img/logo.svg\n',
      ).repo_url,
    ).toBe('https://github.com/acme-retail/x');
  });

  it.each([
    'mkdocs.yml',
    'catalog/components/checkout-service/mkdocs.yml',
    'catalog/components/payment-gateway/mkdocs.yml',
    'catalog/components/product-catalog-service/mkdocs.yml',
    'templates/typescript-service/mkdocs.yml',
    'templates/web-frontend/mkdocs.yml',
    'templates/typescript-library/mkdocs.yml',
    'templates/docs-site/mkdocs.yml',
  ])('accepts the portal’s own %s', file => {
    const source = fs.readFileSync(path.join(repositoryRoot, file), 'utf8');
    expect(validateMkdocsYaml(source).site_name).toEqual(expect.any(String));
  });
});
