import { execFile } from 'node:child_process';

/**
 * Runs a generated repository's own command (npm, mkdocs, python) without a shell, as CI would
 * (no colours, no funding or audit notes); rejects with its output when it fails.
 */
export function run(
  command: string,
  args: string[],
  cwd: string,
): Promise<string> {
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
          FORCE_COLOR: '0',
          npm_config_fund: 'false',
          npm_config_audit: 'false',
        },
      },
      (error, stdout, stderr) => {
        if (error) {
          reject(
            new Error(
              `${command} ${args.join(
                ' ',
              )} failed in ${cwd}:\n${stdout}\n${stderr}`,
            ),
          );
        } else {
          resolve(`${stdout}${stderr}`);
        }
      },
    );
  });
}
