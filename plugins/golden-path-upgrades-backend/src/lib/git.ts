import { spawn } from 'node:child_process';

/** Identity of the commits the portal makes for an upgrade. */
export const UPGRADE_GIT_IDENTITY = {
  name: 'Acme Developer Portal',
  email: 'developer-portal@acme-retail.example',
};

export type GitOptions = {
  /** Working directory (or the bare repository itself). */
  cwd: string;
  /** Extra environment (GIT_INDEX_FILE, GIT_WORK_TREE). */
  env?: Record<string, string>;
  /** Exit codes that are answers, not failures (merge-tree answers 1 on conflicts). */
  okCodes?: number[];
  /** What git reads on stdin (fast-import streams, cat-file and update-ref batches). */
  input?: string | Buffer;
};

export type GitResult = {
  stdout: string;
  /** The same output as bytes (cat-file answers binary contents). */
  raw: Buffer;
  code: number;
};

const MAX_OUTPUT = 64 * 1024 * 1024;

/** Git processes started in this process, by subcommand: what bench/ reports per upgrade. */
export const gitProcessesStarted = new Map<string, number>();

/**
 * Runs the git CLI with an argument list (never a shell string) and a fixed, local-only
 * configuration: no system or global config, no signing, no hooks, no prompts.
 */
export function runGit(
  args: string[],
  options: GitOptions,
): Promise<GitResult> {
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? '/tmp',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_TERMINAL_PROMPT: '0',
    GIT_AUTHOR_NAME: UPGRADE_GIT_IDENTITY.name,
    GIT_AUTHOR_EMAIL: UPGRADE_GIT_IDENTITY.email,
    GIT_COMMITTER_NAME: UPGRADE_GIT_IDENTITY.name,
    GIT_COMMITTER_EMAIL: UPGRADE_GIT_IDENTITY.email,
    ...options.env,
  };
  const okCodes = options.okCodes ?? [];
  gitProcessesStarted.set(args[0], (gitProcessesStarted.get(args[0]) ?? 0) + 1);
  return new Promise((resolve, reject) => {
    const child = spawn(
      'git',
      ['-c', 'commit.gpgsign=false', '-c', 'core.hooksPath=/dev/null', ...args],
      { cwd: options.cwd, env, stdio: ['pipe', 'pipe', 'pipe'] },
    );
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let size = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_OUTPUT) child.kill();
      else stdout.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.stdin.on('error', () => {}); // git may exit before reading all of it; the code says why
    child.on('error', reject);
    child.on('close', code => {
      const raw = Buffer.concat(stdout);
      const text = raw.toString('utf8');
      if (size > MAX_OUTPUT) {
        reject(new Error(`git ${args[0]} failed: more output than expected`));
      } else if (code === 0 || (code !== null && okCodes.includes(code))) {
        resolve({ stdout: text, raw, code: code ?? 0 });
      } else {
        const message = Buffer.concat(stderr).toString('utf8').trim();
        reject(
          new Error(`git ${args[0]} failed: ${message || `exit code ${code}`}`),
        );
      }
    });
    child.stdin.end(options.input ?? '');
  });
}

/** `runGit` for commands whose trimmed output is the answer. */
export async function git(
  args: string[],
  options: GitOptions,
): Promise<string> {
  return (await runGit(args, options)).stdout.trim();
}
