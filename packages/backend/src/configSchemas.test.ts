import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const repoRoot = path.resolve(__dirname, '../../..');

describe('config schemas', () => {
  // The backend loads the committed config.schema.json files, not the config.d.ts files
  // people edit; a schema compiled from an older config.d.ts would validate the wrong keys.
  it('are compiled from the current config.d.ts of every package', async () => {
    const run = promisify(execFile)(
      process.execPath,
      [path.join(repoRoot, 'scripts/config-schemas.mjs'), '--check'],
      { cwd: repoRoot },
    );
    await expect(run).resolves.toMatchObject({
      stdout: expect.stringContaining('Config schemas up to date'),
    });
  }, 120_000);
});
