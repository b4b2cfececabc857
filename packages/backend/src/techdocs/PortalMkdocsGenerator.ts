import { LoggerService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  GeneratorBase,
  GeneratorRunOptions,
} from '@backstage/plugin-techdocs-node';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { githubEditLinks } from './editLinks';
import { FailedBuilds } from './failedBuilds';
import { MkdocsConfig, validateMkdocsYaml } from './mkdocsPolicy';
import {
  detectNetworkIsolation,
  NetworkIsolation,
  runSandboxed,
} from './sandbox';

const CONFIG_FILE_NAMES = ['mkdocs.yaml', 'mkdocs.yml'];
const DEFAULT_TIMEOUT_MS = 5 * 60 * 1000;

export type PortalMkdocsGeneratorOptions = {
  logger: LoggerService;
  /** The mkdocs executable; found on PATH by default. */
  mkdocsCommand?: string;
  timeoutMs?: number;
  /** Decided once at start; tests pass their own. */
  isolation?: NetworkIsolation;
  /** Where failed builds are recorded, so the build strategy waits before retrying them. */
  failedBuilds?: FailedBuilds;
  /** Hosts of the GitHub integrations, for the edit links of docs read from GitHub. */
  githubHosts?: string[];
};

function isInside(root: string, candidate: string) {
  const relative = path.relative(root, candidate);
  return (
    relative === '' ||
    (!relative.startsWith('..') && !path.isAbsolute(relative))
  );
}

async function readConfigFile(
  inputDir: string,
): Promise<{ fileName: string; source: string } | undefined> {
  for (const fileName of CONFIG_FILE_NAMES) {
    const filePath = path.join(inputDir, fileName);
    const stat = await fs.lstat(filePath).catch(() => undefined);
    if (!stat) continue;
    // A link could point at any file the backend can read and echo it into errors.
    if (!stat.isFile()) {
      throw new InputError(`${fileName} refused: it must be a regular file`);
    }
    return { fileName, source: await fs.readFile(filePath, 'utf8') };
  }
  return undefined;
}

/** Refuses a docs folder outside the repository, or holding links that lead out of it. */
async function resolveDocsDir(
  inputDir: string,
  docsDir: string,
  fileName: string,
): Promise<string> {
  const root = await fs.realpath(inputDir);
  const resolved = await fs
    .realpath(path.resolve(root, docsDir))
    .catch(() => undefined);
  if (!resolved || !(await fs.stat(resolved)).isDirectory()) {
    throw new InputError(
      `${fileName}: the docs folder "${docsDir}" (docs_dir) does not exist`,
    );
  }
  if (!isInside(root, resolved)) {
    throw new InputError(
      `${fileName} refused: "docs_dir" leads outside the repository`,
    );
  }
  const entries = await fs.readdir(resolved, {
    recursive: true,
    withFileTypes: true,
  });
  for (const entry of entries) {
    if (!entry.isSymbolicLink()) continue;
    const linkPath = path.join(entry.parentPath, entry.name);
    const target = await fs.realpath(linkPath).catch(() => undefined);
    if (!target || !isInside(root, target)) {
      throw new InputError(
        `${fileName} refused: "${path.relative(
          root,
          linkPath,
        )}" in docs_dir links outside the repository`,
      );
    }
  }
  return resolved;
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, {
    recursive: true,
    withFileTypes: true,
  });
  return entries
    .filter(entry => entry.isFile())
    .map(entry => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
}

/**
 * The portal's TechDocs generator, in place of Backstage's: it checks `mkdocs.yml` against the
 * allow-lists of `mkdocsPolicy` and refuses anything else (the message reaches the docs page
 * through the sync endpoint), then runs mkdocs on a copy of the checked settings, written as
 * JSON into the run's own temporary directory, with a minimal environment and no network. The
 * repository's own files are only read, never patched.
 */
export class PortalMkdocsGenerator implements GeneratorBase {
  private readonly logger: LoggerService;
  private readonly mkdocsCommand: string;
  private readonly timeoutMs: number;
  private isolation?: NetworkIsolation;
  private readonly failedBuilds?: FailedBuilds;
  private readonly githubHosts: string[];

  constructor(options: PortalMkdocsGeneratorOptions) {
    this.logger = options.logger;
    this.failedBuilds = options.failedBuilds;
    this.githubHosts = options.githubHosts ?? ['github.com'];
    this.mkdocsCommand = options.mkdocsCommand ?? 'mkdocs';
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.isolation = options.isolation;
  }

  private networkIsolation(): NetworkIsolation {
    if (!this.isolation) {
      this.isolation = detectNetworkIsolation();
      if ('reason' in this.isolation) {
        this.logger.warn(
          `TechDocs builds run without network isolation (unshare is not permitted here: ${this.isolation.reason}); they still get a clean environment and their own directory`,
        );
      } else {
        this.logger.info(
          `TechDocs builds run without network (${this.isolation.prefix
            .slice(0, -1)
            .join(' ')})`,
        );
      }
    }
    return this.isolation;
  }

  /**
   * The settings mkdocs gets: the checked ones, with absolute docs_dir, no web fonts and, for
   * docs read from GitHub, edit links unless the file sets its own.
   */
  async prepareConfig(
    inputDir: string,
    siteName: string,
    location?: GeneratorRunOptions['parsedLocationAnnotation'],
  ): Promise<{ config: MkdocsConfig; fileName: string }> {
    const file = await readConfigFile(inputDir);
    const fileName = file?.fileName ?? 'mkdocs.yml';
    const checked: MkdocsConfig = file
      ? validateMkdocsYaml(file.source, file.fileName)
      : { site_name: siteName, plugins: [] };
    const docsDir = await resolveDocsDir(
      inputDir,
      checked.docs_dir ?? 'docs',
      fileName,
    );
    const theme =
      typeof checked.theme === 'string'
        ? { name: checked.theme }
        : (checked.theme as Record<string, unknown> | undefined) ?? {
            name: 'material',
          };
    if (theme.name === 'material' && !('font' in theme)) theme.font = false;
    const editLinks = githubEditLinks(
      location,
      checked.docs_dir ?? 'docs',
      this.githubHosts,
    );
    return {
      config: { ...editLinks, ...checked, docs_dir: docsDir, theme },
      fileName,
    };
  }

  async run(options: GeneratorRunOptions): Promise<void> {
    const siteName = options.siteOptions?.name ?? 'Documentation Site';
    try {
      await this.build(options, siteName);
      this.failedBuilds?.recordSuccess(siteName);
    } catch (error) {
      this.failedBuilds?.recordFailure(siteName);
      throw error;
    }
  }

  private async build(
    options: GeneratorRunOptions,
    siteName: string,
  ): Promise<void> {
    const { inputDir, outputDir, etag, logger, logStream } = options;
    const { config } = await this.prepareConfig(
      inputDir,
      siteName,
      options.parsedLocationAnnotation,
    );
    const workDir = await fs.mkdtemp(
      path.join(await fs.realpath(os.tmpdir()), 'techdocs-mkdocs-'),
    );
    try {
      const configPath = path.join(workDir, 'mkdocs.yml');
      // JSON is YAML that PyYAML reads without tags, merges or implicit types.
      await fs.writeFile(configPath, JSON.stringify(config), 'utf8');
      await runSandboxed({
        command: this.mkdocsCommand,
        args: ['build', '--config-file', configPath, '--site-dir', outputDir],
        workDir,
        isolation: this.networkIsolation(),
        logStream,
        timeoutMs: this.timeoutMs,
      });
      logger.info(`Generated docs from ${inputDir} with local mkdocs`);
    } finally {
      await fs.rm(workDir, { recursive: true, force: true });
    }

    const metadata = {
      site_name: config.site_name,
      site_description: config.site_description,
      build_timestamp: Date.now(),
      files: [...(await listFiles(outputDir)), 'techdocs_metadata.json'],
      ...(etag ? { etag } : {}),
    };
    await fs.writeFile(
      path.join(outputDir, 'techdocs_metadata.json'),
      JSON.stringify(metadata),
    );
  }
}
