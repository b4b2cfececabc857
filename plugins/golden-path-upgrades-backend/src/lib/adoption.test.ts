/*
 * Repositories made before `.golden-path.json` existed, with real git: the portal infers the
 * version they were made from (or their team states it) and the upgrade writes the record.
 * And the upgrade branch is the team's once they push to it.
 */
import { RECORD_FILE } from '@internal/plugin-golden-path-upgrades-common';
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import {
  cloneBranch,
  createService,
  edit,
  portalWithTemplate,
  publishVersion,
} from '../__testUtils__/scenario';
import { git } from './git';
import { inferAdoption } from './inferAdoption';
import { prepareUpgrade } from './prepareUpgrade';
import { RenderCache } from './renderCache';

const TEMPLATE = 'typescript-service';
const PORT_LINE = "const port = Number(env.PORT ?? '8080');";

const VALUES = {
  name: 'orders',
  description: 'Takes orders',
  owner: 'group:default/payments-team',
  ownerName: 'payments-team',
  system: 'system:default/checkout',
  templateName: TEMPLATE,
  githubSlug: '',
  githubOrg: '',
  environments: ['dev'],
  image: 'acme-retail/orders',
  database: false,
};

const ENTITY = {
  name: 'orders',
  description: 'Takes orders',
  owner: 'group:default/payments-team',
  system: 'system:default/checkout',
};

async function commitAndPush(work: string, bare: string, message: string) {
  await git(['add', '-A'], { cwd: work });
  await git(['commit', '-q', '-m', message], { cwd: work });
  await git(['push', '-q', bare, 'HEAD:main'], { cwd: work });
}

/**
 * The template at v1, then v2 (a version module), the service made from v2 before the record
 * existed (no .golden-path.json, no template-values annotation) and changed by its team, then
 * v3 (the port line).
 */
async function serviceWithoutRecord() {
  const portal = await portalWithTemplate(TEMPLATE);
  const [{ version: v1 }] = await portal.source.versions(TEMPLATE);
  await publishVersion({
    portalDir: portal.dir,
    template: TEMPLATE,
    from: v1,
    to: '8.0.0',
    changes: 'A version module.',
    why: 'Services report the golden path version.',
    change: skeleton =>
      fs.writeFileSync(
        path.join(skeleton, 'src/version.ts'),
        "export const TEMPLATE_VERSION = '8.0.0';\n",
      ),
  });
  const service = await createService({
    source: portal.source,
    template: TEMPLATE,
    version: '8.0.0',
    values: { ...VALUES, templateVersion: '8.0.0' },
  });
  const { work, repositoryDir } = service;
  // Made before the record existed: no file, no values annotation.
  fs.rmSync(path.join(work, RECORD_FILE));
  const catalog = path.join(work, 'catalog-info.yaml');
  fs.writeFileSync(
    catalog,
    fs
      .readFileSync(catalog, 'utf8')
      .replace(/^ *acme\.example\/template-values: .*\n/m, ''),
  );
  await commitAndPush(work, repositoryDir, 'Created before the record');
  fs.writeFileSync(path.join(work, 'src/orders.ts'), 'export const N = 1;\n');
  await commitAndPush(work, repositoryDir, 'Our change');

  await publishVersion({
    portalDir: portal.dir,
    template: TEMPLATE,
    from: '8.0.0',
    to: '9.0.0',
    changes: 'HTTP_PORT names the port.',
    why: 'Platform-wide port naming.',
    change: skeleton =>
      edit(
        path.join(skeleton, 'src/config.ts'),
        PORT_LINE,
        "const port = Number(env.HTTP_PORT ?? env.PORT ?? '8080');",
      ),
  });
  return { portal, service, v1 };
}

describe('adopting a repository without .golden-path.json', () => {
  it('infers the version it was made from by the smallest difference, and the upgrade writes the record', async () => {
    const { portal, service, v1 } = await serviceWithoutRecord();
    const renders = new RenderCache(portal.source);
    const inference = await inferAdoption({
      source: portal.source,
      renders,
      repositoryDir: service.repositoryDir,
      defaultBranch: 'main',
      entity: ENTITY,
      templates: [TEMPLATE],
    });
    expect(inference.closest).toEqual({
      template: TEMPLATE,
      version: '8.0.0',
      // The team's src/orders.ts (1 line) and catalog-info.yaml's values annotation, which
      // the repository lacks (1 line): 2 lines in 2 files.
      linesDiffering: 2,
      filesDiffering: 2,
    });
    const others = Object.fromEntries(
      inference.candidates.map(c => [c.version, c.linesDiffering]),
    );
    // v1 lacks src/version.ts (+1 line) and v3 changes the port line (+2): both further.
    expect(others[v1]).toBeGreaterThan(2);
    expect(others['9.0.0']).toBeGreaterThan(2);
    // The recovered values are the ones the service was made with, in the step's order.
    expect(inference.record.values).toEqual({
      ...VALUES,
      templateVersion: '8.0.0',
    });
    expect(Object.keys(inference.record.values)).toEqual([
      'name',
      'description',
      'owner',
      'ownerName',
      'system',
      'templateName',
      'templateVersion',
      'githubSlug',
      'githubOrg',
      'environments',
      'image',
      'database',
    ]);
    // Nothing of the comparison stays in the repository.
    expect(
      await git(['for-each-ref', 'refs/golden-path-adoption'], {
        cwd: service.repositoryDir,
      }),
    ).toBe('');

    const outcome = await prepareUpgrade({
      source: portal.source,
      repositoryDir: service.repositoryDir,
      adoption: { record: inference.record, method: 'inferred' },
      renders,
    });
    expect(outcome.state).toBe('prepared');
    if (outcome.state !== 'prepared') return;
    expect(outcome.adopted).toBe(true);
    // The repository never had the values annotation that the template changes next to the
    // version annotation: the team's side is given the old render's line, so the template's
    // change merges cleanly and nothing needs a person.
    expect(outcome.conflicts).toEqual([]);
    const dir = await cloneBranch(service.repositoryDir, outcome.branch);
    const record = JSON.parse(
      fs.readFileSync(path.join(dir, RECORD_FILE), 'utf8'),
    );
    expect(record).toEqual({
      template: TEMPLATE,
      version: '9.0.0',
      values: { ...VALUES, templateVersion: '9.0.0' },
    });
    expect(fs.readFileSync(path.join(dir, 'src/config.ts'), 'utf8')).toContain(
      'env.HTTP_PORT',
    );
    expect(fs.readFileSync(path.join(dir, 'src/orders.ts'), 'utf8')).toBe(
      'export const N = 1;\n',
    );
    // The catalog file now records the new version and the values it was rendered with,
    // right after the version annotation, and keeps everything else of the team's.
    const catalog = parseAllDocuments(
      fs.readFileSync(path.join(dir, 'catalog-info.yaml'), 'utf8'),
    )[0].toJS();
    expect(catalog.metadata.annotations).toMatchObject({
      'acme.example/template': TEMPLATE,
      'acme.example/template-version': '9.0.0',
    });
    expect(
      JSON.parse(catalog.metadata.annotations['acme.example/template-values']),
    ).toEqual({ ...VALUES, templateVersion: '9.0.0' });
    expect(
      await git(['diff', '--name-only', 'main', outcome.commit!], {
        cwd: service.repositoryDir,
      }),
    ).toBe(
      // docs/index.md names the version.
      [RECORD_FILE, 'catalog-info.yaml', 'docs/index.md', 'src/config.ts']
        .sort()
        .join('\n'),
    );
  }, 120_000);

  it('still asks a person where the team edited the record lines the template changes', async () => {
    const { portal, service } = await serviceWithoutRecord();
    // The team wrote its own version annotation line (the one the template changes).
    const catalog = path.join(service.work, 'catalog-info.yaml');
    edit(
      catalog,
      'acme.example/template-version: "8.0.0"',
      'acme.example/template-version: "8.0.0-ours"',
    );
    await commitAndPush(service.work, service.repositoryDir, 'Our version');
    const outcome = await prepareUpgrade({
      source: portal.source,
      repositoryDir: service.repositoryDir,
      adoption: {
        record: {
          template: TEMPLATE,
          version: '8.0.0',
          values: { ...VALUES, templateVersion: '8.0.0' },
        },
        method: 'stated',
      },
    });
    expect(outcome.state).toBe('prepared');
    if (outcome.state !== 'prepared') return;
    expect(outcome.conflicts).toEqual(['catalog-info.yaml']);
    const dir = await cloneBranch(service.repositoryDir, outcome.branch);
    const text = fs.readFileSync(path.join(dir, 'catalog-info.yaml'), 'utf8');
    expect(text).toContain('<<<<<<< golden-path-upgrade/main');
    expect(text).toContain('acme.example/template-version: "8.0.0-ours"');
    expect(text).toContain('acme.example/template-version: "9.0.0"');
    // Nothing of the merge stays in the repository.
    expect(
      await git(['for-each-ref', 'refs/golden-path-upgrade'], {
        cwd: service.repositoryDir,
      }),
    ).toBe('');
  }, 120_000);

  it('takes the version the team states; at the latest version the branch only adds the record', async () => {
    const { portal, service } = await serviceWithoutRecord();
    // Without an adoption the repository is not (yet) a golden path's.
    expect(
      (
        await prepareUpgrade({
          source: portal.source,
          repositoryDir: service.repositoryDir,
        })
      ).state,
    ).toBe('not-a-golden-path');
    const outcome = await prepareUpgrade({
      source: portal.source,
      repositoryDir: service.repositoryDir,
      adoption: {
        record: {
          template: TEMPLATE,
          version: '9.0.0',
          values: { ...VALUES, templateVersion: '9.0.0' },
        },
        method: 'stated',
      },
    });
    expect(outcome.state).toBe('prepared');
    if (outcome.state !== 'prepared') return;
    expect(outcome.title).toBe(
      'Golden path typescript-service: record version 9.0.0',
    );
    const changed = await git(
      ['diff', '--name-only', 'main', outcome.commit!],
      { cwd: service.repositoryDir },
    );
    // The repository's catalog file names 8.0.0 where the stated version's render says
    // 9.0.0: the values line that would follow it is not guessed at, the file stays the team's.
    expect(changed).toBe(RECORD_FILE);
  }, 120_000);
});

describe('the upgrade branch once the team pushed to it', () => {
  it('leaves the team’s commits and says so, until they are on the default branch', async () => {
    const { portal, service } = await serviceWithoutRecord();
    const adoption = {
      record: {
        template: TEMPLATE,
        version: '8.0.0',
        values: { ...VALUES, templateVersion: '8.0.0' },
      },
      method: 'stated' as const,
    };
    const first = await prepareUpgrade({
      source: portal.source,
      repositoryDir: service.repositoryDir,
      adoption,
    });
    expect(first.state).toBe('prepared');
    if (first.state !== 'prepared') return;

    // The team pushes a commit to the upgrade branch.
    const dir = await cloneBranch(service.repositoryDir, first.branch);
    fs.writeFileSync(path.join(dir, 'NOTES.md'), 'Reviewed.\n');
    await git(['add', '-A'], { cwd: dir });
    await git(
      [
        '-c',
        'user.name=Team',
        '-c',
        'user.email=team@acme.example',
        'commit',
        '-q',
        '-m',
        'Review notes',
      ],
      { cwd: dir, env: { GIT_COMMITTER_EMAIL: 'team@acme.example' } },
    );
    await git(['push', '-q', 'origin', first.branch], { cwd: dir });
    const teamTip = await git(['rev-parse', 'HEAD'], { cwd: dir });

    // The default branch moves: a re-run would otherwise rewrite the branch.
    const work = service.work;
    fs.writeFileSync(path.join(work, 'src/more.ts'), 'export const M = 2;\n');
    await commitAndPush(work, service.repositoryDir, 'More');
    const again = await prepareUpgrade({
      source: portal.source,
      repositoryDir: service.repositoryDir,
      adoption,
    });
    expect(again.state).toBe('team-commits-kept');
    expect(
      await git(['rev-parse', `refs/heads/${first.branch}`], {
        cwd: service.repositoryDir,
      }),
    ).toBe(teamTip);

    // Merged into the default branch, the team's commits are safe: the next run moves on.
    await git(['fetch', '-q', 'origin', 'main'], { cwd: dir });
    await git(
      [
        '-c',
        'user.name=Team',
        '-c',
        'user.email=team@acme.example',
        'merge',
        '-q',
        '--no-edit',
        'FETCH_HEAD',
      ],
      { cwd: dir },
    );
    await git(['push', '-q', 'origin', 'HEAD:main'], { cwd: dir });
    const after = await prepareUpgrade({
      source: portal.source,
      repositoryDir: service.repositoryDir,
    });
    // The merged branch brought the record (9.0.0): nothing left to upgrade.
    expect(after.state).toBe('up-to-date');
  }, 120_000);
});
