import { mockServices } from '@backstage/backend-test-utils';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { PortalMkdocsGenerator } from './PortalMkdocsGenerator';
import { detectNetworkIsolation, runSandboxed } from './sandbox';

const repositoryRoot = path.resolve(__dirname, '../../../..');

function tempDir(prefix: string) {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

function runOptions(inputDir: string, outputDir: string) {
  const logStream = new PassThrough();
  const log: string[] = [];
  logStream.on('data', chunk => log.push(String(chunk)));
  return {
    log,
    options: {
      inputDir,
      outputDir,
      logger: mockServices.logger.mock() as any,
      logStream,
      etag: 'abc123',
      siteOptions: { name: 'fallback' },
    },
  };
}

/** A repository with a `docs/index.md` and the given `mkdocs.yml`. */
function repositoryWith(mkdocsYml: string) {
  const dir = tempDir('techdocs-source-');
  fs.mkdirSync(path.join(dir, 'docs'));
  fs.writeFileSync(path.join(dir, 'docs', 'index.md'), '# Hello\n');
  fs.writeFileSync(path.join(dir, 'mkdocs.yml'), mkdocsYml);
  return dir;
}

describe('PortalMkdocsGenerator', () => {
  const generator = new PortalMkdocsGenerator({
    logger: mockServices.logger.mock(),
  });

  it.each([
    ['the portal’s own docs', '.'],
    ['checkout-service', 'catalog/components/checkout-service'],
    ['payment-gateway', 'catalog/components/payment-gateway'],
    ['product-catalog-service', 'catalog/components/product-catalog-service'],
  ])(
    'builds %s, leaving the repository untouched',
    async (_, dir) => {
      const inputDir = path.join(repositoryRoot, dir);
      const mkdocsYml = fs.readFileSync(
        path.join(inputDir, 'mkdocs.yml'),
        'utf8',
      );
      const outputDir = tempDir('techdocs-out-');
      const { options } = runOptions(inputDir, outputDir);

      await generator.run(options);

      expect(fs.existsSync(path.join(outputDir, 'index.html'))).toBe(true);
      const metadata = JSON.parse(
        fs.readFileSync(path.join(outputDir, 'techdocs_metadata.json'), 'utf8'),
      );
      expect(metadata).toMatchObject({
        site_name: expect.any(String),
        etag: 'abc123',
        build_timestamp: expect.any(Number),
      });
      expect(metadata.files).toContain('index.html');
      expect(
        fs.readFileSync(path.join(inputDir, 'mkdocs.yml'), 'utf8'),
      ).toEqual(mkdocsYml);
      fs.rmSync(outputDir, { recursive: true, force: true });
    },
    60_000,
  );

  it('refuses a mkdocs.yml outside the allow-list before running anything', async () => {
    const inputDir = repositoryWith('site_name: x\nhooks: [evil.py]\n');
    const neverRun = new PortalMkdocsGenerator({
      logger: mockServices.logger.mock(),
      mkdocsCommand: path.join(inputDir, 'must-not-run'),
    });
    await expect(
      neverRun.run(runOptions(inputDir, tempDir('techdocs-out-')).options),
    ).rejects.toThrow(
      'mkdocs.yml refused: "hooks" is not an allowed mkdocs setting',
    );
  });

  it('refuses a mkdocs.yml that is a link', async () => {
    const inputDir = tempDir('techdocs-source-');
    fs.symlinkSync('/etc/hostname', path.join(inputDir, 'mkdocs.yml'));
    await expect(
      generator.run(runOptions(inputDir, tempDir('techdocs-out-')).options),
    ).rejects.toThrow('mkdocs.yml refused: it must be a regular file');
  });

  it('refuses a docs folder that links outside the repository', async () => {
    const inputDir = repositoryWith('site_name: x\ndocs_dir: site\n');
    fs.symlinkSync('/etc', path.join(inputDir, 'site'));
    await expect(
      generator.run(runOptions(inputDir, tempDir('techdocs-out-')).options),
    ).rejects.toThrow('"docs_dir" leads outside the repository');
  });

  it('refuses a link inside the docs folder that leads outside the repository', async () => {
    const inputDir = repositoryWith('site_name: x\n');
    fs.symlinkSync('/etc/passwd', path.join(inputDir, 'docs', 'passwd.md'));
    await expect(
      generator.run(runOptions(inputDir, tempDir('techdocs-out-')).options),
    ).rejects.toThrow(
      '"docs/passwd.md" in docs_dir links outside the repository',
    );
  });

  it('links each page of docs read from GitHub to its source for editing', async () => {
    const inputDir = repositoryWith(
      'site_name: x\ntheme:\n  name: material\n  font: false\n',
    );
    const outputDir = tempDir('techdocs-out-');
    const { options } = runOptions(inputDir, outputDir);
    await generator.run({
      ...options,
      parsedLocationAnnotation: {
        type: 'url',
        target: 'https://github.com/acme-retail/cart-service/tree/main/',
      },
    });
    expect(
      fs.readFileSync(path.join(outputDir, 'index.html'), 'utf8'),
    ).toContain(
      'href="https://github.com/acme-retail/cart-service/edit/main/docs/index.md"',
    );
  }, 60_000);

  it('builds a site without mkdocs.yml with a default, web-font-free setup', async () => {
    const inputDir = tempDir('techdocs-source-');
    fs.mkdirSync(path.join(inputDir, 'docs'));
    fs.writeFileSync(path.join(inputDir, 'docs', 'index.md'), '# Hi\n');
    const outputDir = tempDir('techdocs-out-');
    await generator.run(runOptions(inputDir, outputDir).options);
    const html = fs.readFileSync(path.join(outputDir, 'index.html'), 'utf8');
    expect(html).not.toContain('fonts.googleapis.com');
    expect(fs.existsSync(path.join(inputDir, 'mkdocs.yml'))).toBe(false);
  }, 60_000);
});

describe('the generator sandbox', () => {
  const isolation = detectNetworkIsolation();

  async function output(command: string, args: string[]) {
    const logStream = new PassThrough();
    const chunks: string[] = [];
    logStream.on('data', chunk => chunks.push(String(chunk)));
    const workDir = tempDir('techdocs-sandbox-');
    await runSandboxed({
      command,
      args,
      workDir,
      isolation,
      logStream,
      timeoutMs: 10_000,
    });
    return { text: chunks.join(''), workDir };
  }

  it('hands the generator none of the backend’s environment', async () => {
    process.env.TECHDOCS_TEST_SECRET = 'do-not-leak';
    process.env.HTTPS_PROXY = 'http://proxy.invalid:3128';
    try {
      const { text, workDir } = await output('env', []);
      const names = text
        .trim()
        .split('\n')
        .map(line => line.split('=')[0])
        .sort();
      expect(names).toEqual([
        'HOME',
        'LANG',
        'LC_ALL',
        'PATH',
        'PYTHONDONTWRITEBYTECODE',
        'PYTHONNOUSERSITE',
        'TMPDIR',
      ]);
      expect(text).toContain(`HOME=${workDir}`);
      expect(text).not.toContain('do-not-leak');
    } finally {
      delete process.env.TECHDOCS_TEST_SECRET;
      delete process.env.HTTPS_PROXY;
    }
  });

  it('runs in its own directory', async () => {
    const { text, workDir } = await output('pwd', []);
    expect(text.trim()).toBe(fs.realpathSync(workDir));
  });

  // Where unshare is not permitted the generator falls back with a warning (documented); the
  // machines the tests run on (root, or unprivileged user namespaces) permit it.
  it('gives the generator no network interface but loopback', async () => {
    expect(isolation).toEqual({ prefix: expect.arrayContaining(['unshare']) });
    const { text } = await output('cat', ['/proc/net/dev']);
    const interfaces = text
      .split('\n')
      .slice(2)
      .map(line => line.split(':')[0].trim())
      .filter(Boolean);
    expect(interfaces).toEqual(['lo']);
  });

  it('stops a run that takes too long', async () => {
    await expect(
      runSandboxed({
        command: 'sleep',
        args: ['5'],
        workDir: tempDir('techdocs-sandbox-'),
        isolation,
        timeoutMs: 200,
      }),
    ).rejects.toThrow('sleep took longer than 0.2 s and was stopped');
  });
});
