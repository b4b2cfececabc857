/*
 * Upgrades render with workspace:template from the version's checkout; services are created
 * with fetch:template. Both must write the same files, byte for byte and mode for mode, or
 * every upgrade would carry changes nobody made.
 */
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot, tempDir } from '../__testUtils__/scenario';
import { renderTemplate, SkeletonRenderer } from './renderTemplate';
import { TemplateSource } from './templateSource';

jest.setTimeout(120_000);

function readTree(
  root: string,
): { path: string; mode: string; text: string }[] {
  const files: { path: string; mode: string; text: string }[] = [];
  const walk = (dir: string, prefix: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(full, rel);
      else {
        files.push({
          path: rel,
          // eslint-disable-next-line no-bitwise
          mode: (fs.statSync(full).mode & 0o777).toString(8),
          text: fs.readFileSync(full, 'utf8'),
        });
      }
    }
  };
  walk(root, '');
  return files.sort((a, b) => (a.path < b.path ? -1 : 1));
}

const VALUES = {
  name: 'orders',
  description: 'Takes orders',
  owner: 'group:default/payments-team',
  ownerName: 'payments-team',
  system: 'system:default/checkout',
  githubSlug: 'acme-retail/orders',
  githubOrg: 'acme-retail',
  environments: ['dev', 'staging', 'production'],
  image: 'ghcr.io/acme-retail/orders',
  database: true,
  npmScope: 'acme-retail',
};

describe('SkeletonRenderer', () => {
  it('writes what fetch:template writes, for every golden path in this repository', async () => {
    const source = new TemplateSource(repoRoot);
    const renderer = new SkeletonRenderer();
    const templates = await source.templates();
    expect(templates).toContain('typescript-service');
    for (const template of templates) {
      const [{ version }] = await source.versions(template);
      const templateDir = await source.templateDir(template, version);
      const values = { ...VALUES, templateName: template };
      const viaFetch = tempDir('gpu-fetch-');
      await renderTemplate({ templateDir, template, values, outDir: viaFetch });
      const viaWorkspace = await renderer.render({
        templateDir,
        template,
        values,
      });
      const expected = readTree(viaFetch);
      expect(expected.length).toBeGreaterThan(3);
      expect({ template, files: readTree(viaWorkspace) }).toEqual({
        template,
        files: expected,
      });
      fs.rmSync(viaWorkspace, { recursive: true });
    }
  });

  it('refuses a fetch:template url that is not a folder next to template.yaml', async () => {
    const dir = tempDir('gpu-template-');
    fs.writeFileSync(
      path.join(dir, 'template.yaml'),
      'spec:\n  steps:\n    - action: fetch:template\n      input:\n        url: https://example.com/skeleton\n',
    );
    await expect(
      new SkeletonRenderer().render({
        templateDir: dir,
        template: 'remote',
        values: {},
      }),
    ).rejects.toThrow('must be a path next to it');
  });
});
