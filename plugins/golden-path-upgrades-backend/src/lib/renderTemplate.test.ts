/*
 * Upgrades render with workspace:template from the version's checkout; services are created
 * with fetch:template. Both must write the same files, byte for byte and mode for mode, or
 * every upgrade would carry changes nobody made.
 */
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot, tempDir } from '../__testUtils__/scenario';
import { readSkeleton, RenderedFile } from './memoryRender';
import { readFiles, renderTemplate, SkeletonRenderer } from './renderTemplate';
import { TemplateSource } from './templateSource';

jest.setTimeout(120_000);

/** Files as text with their git mode, comparable with toEqual. */
const comparable = (files: RenderedFile[]) =>
  files.map(f => ({
    path: f.path,
    mode: f.mode,
    text: f.content.toString('utf8'),
  }));

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
  it('writes what fetch:template writes, on disk and in memory, for every golden path in this repository', async () => {
    const source = new TemplateSource(repoRoot);
    const renderer = new SkeletonRenderer();
    const templates = await source.templates();
    expect(templates).toContain('typescript-service');
    for (const template of templates) {
      const [{ version }] = await source.versions(template);
      const templateDir = await source.templateDir(template, version);
      for (const values of [
        { ...VALUES, templateName: template },
        // The other branch of every condition.
        {
          ...VALUES,
          templateName: template,
          githubSlug: '',
          githubOrg: '',
          environments: [],
          image: 'acme-retail/orders',
          database: false,
        },
      ]) {
        const viaFetch = tempDir('gpu-fetch-');
        await renderTemplate({
          templateDir,
          template,
          values,
          outDir: viaFetch,
        });
        const expected = comparable(await readFiles(viaFetch));
        expect(expected.length).toBeGreaterThan(3);

        const viaWorkspace = await renderer.render({
          templateDir,
          template,
          values,
        });
        expect({
          template,
          files: comparable(await readFiles(viaWorkspace)),
        }).toEqual({ template, files: expected });
        fs.rmSync(viaWorkspace, { recursive: true });

        // Text-only skeletons render in memory: the same files, without the file system.
        expect(
          await readSkeleton(path.join(templateDir, 'skeleton')),
        ).toBeDefined();
        expect({
          template,
          files: comparable(
            await renderer.renderFiles({ templateDir, template, values }),
          ),
        }).toEqual({ template, files: expected });
      }
    }
  });

  it('renders a skeleton with a binary file on disk, as fetch:template does', async () => {
    const dir = tempDir('gpu-template-');
    fs.mkdirSync(path.join(dir, 'skeleton'));
    fs.writeFileSync(
      path.join(dir, 'template.yaml'),
      'spec:\n  steps:\n    - action: fetch:template\n      input:\n        url: ./skeleton\n',
    );
    fs.writeFileSync(
      path.join(dir, 'skeleton', 'README.md'),
      '# ${{ values.name }}\n',
    );
    // A "binary" file that looks like a template: copied as it is, never rendered.
    const logo = Buffer.from('\u0000${{ values.name }}', 'utf8');
    fs.writeFileSync(path.join(dir, 'skeleton', 'logo.bin'), logo);
    expect(await readSkeleton(path.join(dir, 'skeleton'))).toBeUndefined();
    const files = await new SkeletonRenderer().renderFiles({
      templateDir: dir,
      template: 'with-binary',
      values: { name: 'orders' },
    });
    expect(files.map(f => [f.path, f.content.toString('utf8')])).toEqual([
      ['README.md', '# orders\n'],
      ['logo.bin', logo.toString('utf8')],
    ]);
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
