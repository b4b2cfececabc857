import { execFile } from 'node:child_process';

/** Identity of the commits the portal makes on behalf of the developer. */
export const PORTAL_GIT_IDENTITY = {
  name: 'Acme Developer Portal',
  email: 'developer-portal@acme-retail.example',
};

/**
 * Runs the git CLI with a fixed, local-only configuration: no system or global config, no
 * signing, no hooks from templates, no prompts. `extraEnv` adds to it (e.g. an HTTP header
 * through GIT_CONFIG_COUNT, which keeps a token off the command line).
 */
export function git(
  args: string[],
  cwd: string,
  extraEnv: Record<string, string> = {},
): Promise<string> {
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? '/tmp',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_TERMINAL_PROMPT: '0',
    GIT_AUTHOR_NAME: PORTAL_GIT_IDENTITY.name,
    GIT_AUTHOR_EMAIL: PORTAL_GIT_IDENTITY.email,
    GIT_COMMITTER_NAME: PORTAL_GIT_IDENTITY.name,
    GIT_COMMITTER_EMAIL: PORTAL_GIT_IDENTITY.email,
    ...extraEnv,
  };
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      ['-c', 'commit.gpgsign=false', '-c', 'core.hooksPath=/dev/null', ...args],
      { cwd, env, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) {
          reject(
            new Error(
              `git ${args[0]} failed: ${stderr.trim() || error.message}`,
            ),
          );
        } else {
          resolve(stdout.trim());
        }
      },
    );
  });
}
