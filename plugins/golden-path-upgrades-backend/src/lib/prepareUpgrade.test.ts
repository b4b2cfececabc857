/*
 * The upgrade of a real service with real git: made from version 1 of the typescript-service
 * golden path, changed by its team, then the template moves to version 2.
 */
import { execFile } from 'node:child_process';
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
import { prepareUpgrade } from './prepareUpgrade';

const TEMPLATE = 'typescript-service';
const LONG = 15 * 60 * 1000;

/** Runs a command of the generated repository (npm registry only). */
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
          npm_config_fund: 'false',
          npm_config_audit: 'false',
        },
      },
      (error, stdout, stderr) =>
        error
          ? reject(
              new Error(`${command} ${args.join(' ')}: ${stdout}${stderr}`),
            )
          : resolve(`${stdout}${stderr}`),
    );
  });
}

/** Resolves every conflict of a file as the template says (its side of the markers). */
function resolveAsTemplate(text: string): string {
  return text.replace(
    /^<<<<<<< .*\n[\s\S]*?^=======\n([\s\S]*?)^>>>>>>> .*\n/gm,
    '$1',
  );
}

const VALUES = {
  name: 'orders',
  description: 'Takes "orders" & <returns> them',
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

const PORT_LINE = "const port = Number(env.PORT ?? '8080');";
const TEAM_PORT_LINE = "const port = Number(env.PORT ?? '3000');";
const TEMPLATE_PORT_LINE =
  "const port = Number(env.HTTP_PORT ?? env.PORT ?? '8080');";

async function scenario() {
  const portal = await portalWithTemplate(TEMPLATE);
  const [v1] = await portal.source.versions(TEMPLATE);
  const service = await createService({
    source: portal.source,
    template: TEMPLATE,
    version: v1.version,
    values: { ...VALUES, templateVersion: v1.version },
  });

  // The team's changes: a new file, an edited file in a subdirectory, a deleted file, a renamed file.
  const work = service.work;
  fs.writeFileSync(
    path.join(work, 'src/orders.ts'),
    "export const ORDERS_TOPIC = 'orders';\n",
  );
  edit(path.join(work, 'src/config.ts'), PORT_LINE, TEAM_PORT_LINE);
  fs.rmSync(path.join(work, '.dockerignore'));
  await git(['mv', 'docs/operations.md', 'docs/runbook.md'], { cwd: work });
  edit(
    path.join(work, 'mkdocs.yml'),
    'Operations: operations.md',
    'Runbook: runbook.md',
  );
  await git(['add', '-A'], { cwd: work });
  await git(['commit', '-q', '-m', 'Our changes'], { cwd: work });
  await git(['push', '-q', service.repositoryDir, 'main:main'], { cwd: work });

  // Version 2: a file added, one changed where the team changed it, one changed elsewhere.
  const v2 = '9.0.0';
  await publishVersion({
    portalDir: portal.dir,
    template: TEMPLATE,
    from: v1.version,
    to: v2,
    changes:
      'HTTP_PORT names the port; the image runs Node 22.12; a version module.',
    why: 'Platform-wide port naming and a patched Node.',
    change: skeleton => {
      fs.writeFileSync(
        path.join(skeleton, 'src/version.ts'),
        "export const TEMPLATE_VERSION = '9.0.0';\n",
      );
      edit(path.join(skeleton, 'src/config.ts'), PORT_LINE, TEMPLATE_PORT_LINE);
      edit(
        path.join(skeleton, 'Dockerfile'),
        'FROM node:22-bookworm-slim\nENV',
        'FROM node:22.12-bookworm-slim\nENV',
      );
    },
  });
  return { portal, service, v1: v1.version, v2 };
}

describe('prepareUpgrade', () => {
  it('keeps every team change, applies every template change and marks exactly the one overlap', async () => {
    const { portal, service, v1, v2 } = await scenario();

    const outcome = await prepareUpgrade({
      source: portal.source,
      repositoryDir: service.repositoryDir,
    });
    expect(outcome).toMatchObject({
      state: 'prepared',
      to: v2,
      branch: 'golden-path-upgrade/typescript-service',
      conflicts: ['src/config.ts'],
    });
    if (outcome.state !== 'prepared') throw new Error(outcome.state);
    expect(outcome.record.version).toBe(v1);
    expect(outcome.description).toContain('HTTP_PORT names the port');
    expect(outcome.description).toContain('- `src/config.ts`');

    const dir = await cloneBranch(service.repositoryDir, outcome.branch);
    const read = (file: string) =>
      fs.readFileSync(path.join(dir, file), 'utf8');
    const exists = (file: string) => fs.existsSync(path.join(dir, file));

    // The team's changes are kept.
    expect(read('src/orders.ts')).toContain('ORDERS_TOPIC');
    expect(exists('.dockerignore')).toBe(false);
    expect(exists('docs/runbook.md')).toBe(true);
    expect(exists('docs/operations.md')).toBe(false);
    expect(read('mkdocs.yml')).toContain('Runbook: runbook.md');

    // The template's changes are applied.
    expect(read('src/version.ts')).toContain("'9.0.0'");
    expect(read('Dockerfile')).toContain('FROM node:22.12-bookworm-slim');
    expect(JSON.parse(read('.golden-path.json'))).toMatchObject({
      template: TEMPLATE,
      version: v2,
      values: { name: 'orders' },
    });
    const entity = parseAllDocuments(read('catalog-info.yaml'))[0].toJS();
    expect(entity.metadata.annotations['acme.example/template-version']).toBe(
      v2,
    );

    // Exactly one overlap, with standard conflict markers holding both sides.
    const everyFile = (await git(['ls-files'], { cwd: dir })).split('\n');
    const marked = everyFile.filter(file => read(file).includes('<<<<<<< '));
    expect(marked).toEqual(['src/config.ts']);
    const config = read('src/config.ts');
    expect(config.match(/^<<<<<<< /gm)).toHaveLength(1);
    expect(config.match(/^=======$/gm)).toHaveLength(1);
    expect(config.match(/^>>>>>>> /gm)).toHaveLength(1);
    expect(config).toContain(TEAM_PORT_LINE);
    expect(config).toContain(TEMPLATE_PORT_LINE);

    // One commit on top of the default branch.
    const main = await git(['rev-parse', 'main'], {
      cwd: service.repositoryDir,
    });
    expect(await git(['rev-parse', `${outcome.commit}^`], { cwd: dir })).toBe(
      main,
    );
  });

  it(
    'gives a repository that, with the overlap resolved as the template says, installs, lints, passes its tests and builds',
    async () => {
      const { portal, service } = await scenario();
      const outcome = await prepareUpgrade({
        source: portal.source,
        repositoryDir: service.repositoryDir,
      });
      if (outcome.state !== 'prepared') throw new Error(outcome.state);
      const dir = await cloneBranch(service.repositoryDir, outcome.branch);
      const config = path.join(dir, 'src/config.ts');
      fs.writeFileSync(
        config,
        resolveAsTemplate(fs.readFileSync(config, 'utf8')),
      );
      expect(fs.readFileSync(config, 'utf8')).not.toMatch(
        /^(<<<<<<<|=======|>>>>>>>)/m,
      );
      expect(fs.readFileSync(config, 'utf8')).toContain(TEMPLATE_PORT_LINE);

      await run(
        'npm',
        ['install', '--no-audit', '--no-fund', '--loglevel=error'],
        dir,
      );
      await run('npm', ['run', 'lint'], dir);
      expect(await run('npm', ['test'], dir)).toMatch(/# fail 0/);
      await run('npm', ['run', 'build'], dir);
      expect(fs.existsSync(path.join(dir, 'dist/index.js'))).toBe(true);
      expect(fs.existsSync(path.join(dir, 'dist/version.js'))).toBe(true);
    },
    LONG,
  );

  it('applies a template change to the file the team renamed, and keeps a deleted file deleted', async () => {
    const portal = await portalWithTemplate(TEMPLATE);
    const [v1] = await portal.source.versions(TEMPLATE);
    const service = await createService({
      source: portal.source,
      template: TEMPLATE,
      version: v1.version,
      values: { ...VALUES, templateVersion: v1.version },
    });
    const work = service.work;
    await git(['mv', 'docs/operations.md', 'docs/runbook.md'], { cwd: work });
    fs.rmSync(path.join(work, '.dockerignore'));
    await git(['add', '-A'], { cwd: work });
    await git(['commit', '-q', '-m', 'Renamed and deleted'], { cwd: work });
    await git(['push', '-q', service.repositoryDir, 'main:main'], {
      cwd: work,
    });
    await publishVersion({
      portalDir: portal.dir,
      template: TEMPLATE,
      from: v1.version,
      to: '9.1.0',
      changes: 'The operations page names the on-call rota.',
      why: 'People look there first.',
      change: skeleton => {
        fs.appendFileSync(
          path.join(skeleton, 'docs/operations.md'),
          "\n## On call\n\nThe owning team's rota.\n",
        );
      },
    });

    const outcome = await prepareUpgrade({
      source: portal.source,
      repositoryDir: service.repositoryDir,
    });
    expect(outcome).toMatchObject({ state: 'prepared', conflicts: [] });
    if (outcome.state !== 'prepared') throw new Error(outcome.state);
    const dir = await cloneBranch(service.repositoryDir, outcome.branch);
    expect(
      fs.readFileSync(path.join(dir, 'docs/runbook.md'), 'utf8'),
    ).toContain('## On call');
    expect(fs.existsSync(path.join(dir, 'docs/operations.md'))).toBe(false);
    expect(fs.existsSync(path.join(dir, '.dockerignore'))).toBe(false);
  });

  it('marks a file the team deleted and the template changed as needing a person', async () => {
    const portal = await portalWithTemplate(TEMPLATE);
    const [v1] = await portal.source.versions(TEMPLATE);
    const service = await createService({
      source: portal.source,
      template: TEMPLATE,
      version: v1.version,
      values: { ...VALUES, templateVersion: v1.version },
    });
    const work = service.work;
    fs.rmSync(path.join(work, '.dockerignore'));
    await git(['add', '-A'], { cwd: work });
    await git(['commit', '-q', '-m', 'Deleted'], { cwd: work });
    await git(['push', '-q', service.repositoryDir, 'main:main'], {
      cwd: work,
    });
    await publishVersion({
      portalDir: portal.dir,
      template: TEMPLATE,
      from: v1.version,
      to: '9.2.0',
      changes: 'The image leaves out the docs.',
      why: 'Smaller images.',
      change: skeleton => {
        fs.appendFileSync(path.join(skeleton, '.dockerignore'), 'docs\n');
      },
    });
    expect(
      await prepareUpgrade({
        source: portal.source,
        repositoryDir: service.repositoryDir,
      }),
    ).toMatchObject({ state: 'prepared', conflicts: ['.dockerignore'] });
  });

  it('updates the same branch on a re-run, and leaves it when nothing moved', async () => {
    const { portal, service } = await scenario();
    const first = await prepareUpgrade({
      source: portal.source,
      repositoryDir: service.repositoryDir,
    });
    const again = await prepareUpgrade({
      source: portal.source,
      repositoryDir: service.repositoryDir,
    });
    expect(again).toMatchObject({ state: 'unchanged' });
    if (first.state !== 'prepared' || again.state !== 'unchanged') {
      throw new Error('unexpected states');
    }
    expect(again.commit).toBe(first.commit);

    // The team pushes to main: the re-run moves the same branch onto the new tip.
    const work = service.work;
    fs.writeFileSync(path.join(work, 'NOTES.md'), '# Notes\n');
    await git(['add', '-A'], { cwd: work });
    await git(['commit', '-q', '-m', 'Notes'], { cwd: work });
    await git(['push', '-q', service.repositoryDir, 'main:main'], {
      cwd: work,
    });
    const moved = await prepareUpgrade({
      source: portal.source,
      repositoryDir: service.repositoryDir,
    });
    expect(moved).toMatchObject({ state: 'prepared', branch: first.branch });
    const branches = await git(['branch', '--list', '--format=%(refname)'], {
      cwd: service.repositoryDir,
    });
    expect(branches.split('\n').sort()).toEqual([
      'refs/heads/golden-path-upgrade/typescript-service',
      'refs/heads/main',
    ]);
    // The temporary refs that named the sides are gone.
    expect(
      await git(['for-each-ref', 'refs/golden-path-upgrade'], {
        cwd: service.repositoryDir,
      }),
    ).toBe('');
  });

  it('prepares nothing for a service on the latest version', async () => {
    const portal = await portalWithTemplate(TEMPLATE);
    const [latest] = await portal.source.versions(TEMPLATE);
    const service = await createService({
      source: portal.source,
      template: TEMPLATE,
      version: latest.version,
      values: { ...VALUES, templateVersion: latest.version },
    });
    expect(
      await prepareUpgrade({
        source: portal.source,
        repositoryDir: service.repositoryDir,
      }),
    ).toMatchObject({ state: 'up-to-date' });
  });
});
