/*
 * Path traversal (Backstage's advisory class): repository names, source folders, symbolic links
 * and catalog file paths never lead the local git host, the catalog or TechDocs outside the
 * host's own folders.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { actionContext } from '../__testUtils__/context';
import { createPublishLocalAction } from '../actions/publishLocal';
import { createRegisterLocalAction } from '../actions/registerLocal';
import { LocalGitEntityProvider } from '../catalog/LocalGitEntityProvider';
import { LocalGitHost } from './LocalGitHost';
import { localGitPaths } from './paths';

describe('the local git host refuses paths that leave it', () => {
  let root: string;
  let dataDir: string;
  let workspace: string;
  let outside: string;
  let host: LocalGitHost;

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'gp-traversal-'));
    dataDir = path.join(root, 'data');
    workspace = path.join(root, 'workspace');
    outside = path.join(root, 'outside');
    fs.mkdirSync(workspace);
    fs.mkdirSync(outside);
    fs.writeFileSync(path.join(outside, 'secret.txt'), 'not for the catalog\n');
    fs.writeFileSync(
      path.join(workspace, 'catalog-info.yaml'),
      'kind: Component\n',
    );
    fs.mkdirSync(path.join(workspace, 'docs'));
    fs.writeFileSync(path.join(workspace, 'docs/index.md'), '# Hello\n');
    host = new LocalGitHost(localGitPaths(dataDir));
  });

  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  /** Everything under `root` except the workspace and the planted files. */
  const written = () =>
    fs
      .readdirSync(root, { recursive: true })
      .map(String)
      .filter(f => !f.startsWith('workspace') && !f.startsWith('outside'))
      .filter(f => !fs.statSync(path.join(root, f)).isDirectory());

  const publish = (input: Record<string, unknown>, isDryRun = false) =>
    createPublishLocalAction({ host }).handler(
      actionContext({ input, workspacePath: workspace, isDryRun }),
    );

  it.each([
    '../x',
    'a/../../b',
    '/etc/passwd',
    '..',
    '.',
    'orders-api/../../outside',
    'orders-api\u0000',
    'C:\\Windows',
  ])('refuses the repository name %j, also in a dry run', async name => {
    await expect(publish({ name })).rejects.toThrow(/^name: /);
    await expect(publish({ name }, true)).rejects.toThrow(/^name: /);
    expect(() => host.repositoryPath(name)).toThrow(/^name: /);
    expect(() => host.checkoutPath(name)).toThrow(/^name: /);
    expect(written()).toEqual([]);
  });

  it.each(['../outside', '/etc', 'docs/../../outside'])(
    'refuses the source folder %j outside the workspace',
    async sourcePath => {
      await expect(publish({ name: 'orders-api', sourcePath })).rejects.toThrow(
        /outside/,
      );
      expect(written()).toEqual([]);
    },
  );

  it.each([
    ['an absolute link', () => path.join(outside, 'secret.txt')],
    ['a link climbing out', () => '../../outside/secret.txt'],
    ['a link to a folder outside', () => outside],
  ])('refuses to publish a workspace with %s', async (_, target) => {
    fs.symlinkSync(target(), path.join(workspace, 'docs/secret.md'));
    await expect(publish({ name: 'orders-api' })).rejects.toThrow(
      /sourcePath: docs\/secret.md is a symbolic link to .*, outside the repository/,
    );
    expect(fs.existsSync(path.join(dataDir, 'git/orders-api.git'))).toBe(false);
    expect(written()).toEqual([]);
  });

  it('publishes a link that stays inside the repository, as a link', async () => {
    fs.symlinkSync('docs/index.md', path.join(workspace, 'README.md'));
    await publish({ name: 'orders-api' });
    const checkout = path.join(dataDir, 'git-checkouts/orders-api');
    expect(fs.readlinkSync(path.join(checkout, 'README.md'))).toBe(
      'docs/index.md',
    );
    const tree = execFileSync('git', ['ls-tree', 'HEAD', 'README.md'], {
      cwd: checkout,
    }).toString();
    expect(tree).toMatch(/^120000 /);
  });

  it('registers only catalog files inside its working copies, links resolved', async () => {
    const checkouts = path.join(dataDir, 'git-checkouts');
    fs.mkdirSync(path.join(checkouts, 'orders-api'), { recursive: true });
    fs.writeFileSync(
      path.join(checkouts, 'orders-api/catalog-info.yaml'),
      'kind: Component\n',
    );
    // Planted by someone with access to the data folder: a link out, and a linked file.
    fs.symlinkSync(outside, path.join(checkouts, 'linked'));
    fs.mkdirSync(path.join(checkouts, 'stock-api'));
    fs.symlinkSync(
      path.join(outside, 'secret.txt'),
      path.join(checkouts, 'stock-api/catalog-info.yaml'),
    );
    fs.mkdirSync(path.join(checkouts, 'Not_A_Name'));
    fs.writeFileSync(
      path.join(checkouts, 'Not_A_Name/catalog-info.yaml'),
      'kind: Component\n',
    );

    expect(await host.listCatalogFiles()).toEqual([
      path.join(checkouts, 'orders-api/catalog-info.yaml'),
    ]);
    expect(host.isInCheckouts(path.join(checkouts, 'linked/secret.txt'))).toBe(
      false,
    );
    expect(
      host.isInCheckouts(path.join(checkouts, 'stock-api/catalog-info.yaml')),
    ).toBe(false);

    const provider = new LocalGitEntityProvider(host);
    await provider.connect({
      applyMutation: async () => {},
      refresh: async () => {},
    });
    const catalog = {
      validateEntity: jest.fn(async () => ({ valid: true as const })),
      getEntityByRef: jest.fn(),
    };
    const register = createRegisterLocalAction({
      host,
      provider,
      catalog: catalog as any,
    });
    for (const catalogInfoPath of [
      path.join(checkouts, '../../outside/secret.txt'),
      path.join(checkouts, 'linked/secret.txt'),
      path.join(checkouts, 'stock-api/catalog-info.yaml'),
      '/etc/passwd',
    ]) {
      await expect(
        register.handler(actionContext({ input: { catalogInfoPath } })),
      ).rejects.toThrow(/is not in a working copy of the local git host/);
    }
    expect(catalog.validateEntity).not.toHaveBeenCalled();
  });
});
