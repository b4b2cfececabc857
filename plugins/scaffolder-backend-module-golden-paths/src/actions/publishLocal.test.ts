import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { actionContext } from '../__testUtils__/context';
import { LocalGitHost } from '../lib/LocalGitHost';
import { localGitPaths } from '../lib/paths';
import { createPublishLocalAction } from './publishLocal';

describe('acme:publish:local', () => {
  let dataDir: string;
  let workspace: string;
  let host: LocalGitHost;

  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gp-data-'));
    workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'gp-ws-'));
    fs.writeFileSync(
      path.join(workspace, 'catalog-info.yaml'),
      'kind: Component\n',
    );
    fs.mkdirSync(path.join(workspace, 'src'));
    fs.writeFileSync(path.join(workspace, 'src/index.ts'), 'export {};\n');
    host = new LocalGitHost(localGitPaths(dataDir));
  });

  afterEach(() => {
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(workspace, { recursive: true, force: true });
  });

  const publish = (input: Record<string, unknown>, isDryRun = false) => {
    const ctx = actionContext({ input, workspacePath: workspace, isDryRun });
    return { ctx, done: createPublishLocalAction({ host }).handler(ctx) };
  };

  it('creates a bare repository with the workspace as its first commit, and a working copy', async () => {
    const { ctx, done } = publish({
      name: 'orders-api',
      description: 'Takes orders',
    });
    await done;
    const bare = path.join(dataDir, 'git', 'orders-api.git');
    expect(ctx.output).toHaveBeenCalledWith('remoteUrl', bare);
    expect(ctx.output).toHaveBeenCalledWith(
      'catalogInfoPath',
      path.join(dataDir, 'git-checkouts', 'orders-api', 'catalog-info.yaml'),
    );
    // A developer can clone it.
    const clone = path.join(
      workspace,
      '..',
      `${path.basename(workspace)}-clone`,
    );
    execFileSync('git', ['clone', '-q', bare, clone]);
    try {
      expect(fs.readFileSync(path.join(clone, 'src/index.ts'), 'utf8')).toBe(
        'export {};\n',
      );
      const log = execFileSync('git', ['log', '--format=%s|%an'], {
        cwd: clone,
      })
        .toString()
        .trim();
      expect(log).toBe(
        'Initial commit from template:default/typescript-service|Acme Developer Portal',
      );
    } finally {
      fs.rmSync(clone, { recursive: true, force: true });
    }
    expect(
      fs.existsSync(
        path.join(dataDir, 'git-checkouts/orders-api/catalog-info.yaml'),
      ),
    ).toBe(true);
    // No staging leftovers.
    expect(fs.readdirSync(path.join(dataDir, 'git'))).toEqual([
      'orders-api.git',
    ]);
  });

  it('is idempotent: a retry with the same content reuses the repository', async () => {
    await publish({ name: 'orders-api' }).done;
    const bare = path.join(dataDir, 'git', 'orders-api.git');
    const head = execFileSync('git', ['rev-parse', 'main'], {
      cwd: bare,
    }).toString();
    fs.rmSync(path.join(dataDir, 'git-checkouts'), { recursive: true });

    const { ctx, done } = publish({ name: 'orders-api' });
    await done;
    expect(
      execFileSync('git', ['rev-parse', 'main'], { cwd: bare }).toString(),
    ).toBe(head);
    expect(ctx.logger.info).toHaveBeenCalledWith(
      expect.stringContaining('reusing it'),
    );
    // The working copy is restored.
    expect(
      fs.existsSync(
        path.join(dataDir, 'git-checkouts/orders-api/src/index.ts'),
      ),
    ).toBe(true);
  });

  it('refuses an existing repository with different content and changes nothing', async () => {
    await publish({ name: 'orders-api' }).done;
    const bare = path.join(dataDir, 'git', 'orders-api.git');
    const head = execFileSync('git', ['rev-parse', 'main'], {
      cwd: bare,
    }).toString();
    fs.writeFileSync(
      path.join(workspace, 'src/index.ts'),
      'export const x = 1;\n',
    );
    await expect(publish({ name: 'orders-api' }).done).rejects.toThrow(
      /A repository named "orders-api" already exists on the local git host .* with different content/,
    );
    expect(
      execFileSync('git', ['rev-parse', 'main'], { cwd: bare }).toString(),
    ).toBe(head);
    expect(fs.readdirSync(path.join(dataDir, 'git'))).toEqual([
      'orders-api.git',
    ]);
  });

  it('refuses invalid names before touching the disk', async () => {
    await expect(publish({ name: '../etc' }).done).rejects.toThrow(
      /name: must consist of lower-case/,
    );
    expect(fs.existsSync(path.join(dataDir, 'git'))).toBe(false);
  });

  it('writes nothing in a dry run', async () => {
    const { ctx, done } = publish({ name: 'orders-api' }, true);
    await done;
    expect(ctx.output).toHaveBeenCalledWith('commitHash', 'dry-run');
    expect(fs.existsSync(path.join(dataDir, 'git'))).toBe(false);
  });
});
