import { execFile } from 'node:child_process';

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
};

export type GitResult = { stdout: string; code: number };

function exitCode(error: Error | null): number {
  if (!error) return 0;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'number' ? code : -1;
}

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
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      ['-c', 'commit.gpgsign=false', '-c', 'core.hooksPath=/dev/null', ...args],
      { cwd: options.cwd, env, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = exitCode(error);
        if (code === 0 || okCodes.includes(code)) {
          resolve({ stdout, code });
        } else {
          reject(
            new Error(
              `git ${args[0]} failed: ${stderr.trim() || error?.message}`,
            ),
          );
        }
      },
    );
  });
}

/** `runGit` for commands whose trimmed output is the answer. */
export async function git(
  args: string[],
  options: GitOptions,
): Promise<string> {
  return (await runGit(args, options)).stdout.trim();
}
