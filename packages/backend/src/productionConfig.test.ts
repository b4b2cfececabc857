import { readHelmetOptions } from '@backstage/backend-defaults/rootHttpRouter';
import { ConfigReader } from '@backstage/config';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const repoRoot = path.resolve(__dirname, '../../..');
const PUBLIC_URL = 'https://portal.acme-retail.example';

/** The configuration production runs with: both files, through Backstage's config loader. */
async function productionConfig() {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [
      require.resolve('@backstage/cli/bin/backstage-cli'),
      'config:print',
      '--lax',
      '--with-secrets',
      '--format',
      'json',
      '--package',
      'backend',
      '--config',
      'app-config.yaml',
      '--config',
      'app-config.production.yaml',
    ],
    {
      cwd: repoRoot,
      env: { ...process.env, APP_BASE_URL: PUBLIC_URL },
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  return new ConfigReader(JSON.parse(stdout.slice(stdout.indexOf('{'))));
}

/** Environment variables that a config file references as `${NAME}`. */
function referencedVariables(): Set<string> {
  const text = ['app-config.yaml', 'app-config.production.yaml']
    .map(file => fs.readFileSync(path.join(repoRoot, file), 'utf8'))
    .join('\n');
  return new Set([...text.matchAll(/\$\{([A-Z][A-Z0-9_]*)/g)].map(m => m[1]));
}

/** Variables that libraries read from the environment themselves. */
const READ_BY_LIBRARIES = new Set(['PGSSLMODE']);

describe('production configuration', () => {
  let config: ConfigReader;
  beforeAll(async () => {
    config = await productionConfig();
  }, 120_000);

  it('lets the frontend connect only to its own origin and the backend', () => {
    const directives = (
      readHelmetOptions(config.getConfig('backend')).contentSecurityPolicy as {
        directives: Record<string, string[]>;
      }
    ).directives;
    const backendOrigin = new URL(config.getString('backend.baseUrl')).origin;
    expect(backendOrigin).toBe(PUBLIC_URL);
    for (const source of directives['connect-src']) {
      // A scheme alone (`http:`, `https:`, `wss:`) or `*` would allow any host.
      expect(source).not.toMatch(/^([a-z][a-z0-9+.-]*:|\*)$/i);
      expect(["'self'", backendOrigin]).toContain(source);
    }
    expect(directives['connect-src']).toContain("'self'");
  });

  it('limits requests per user', () => {
    expect(config.getNumber('userRateLimit.requestsPerWindow')).toBeGreaterThan(
      0,
    );
  });

  it('uses every environment variable that the deployment docs tell operators to set', () => {
    const referenced = referencedVariables();
    const header = fs
      .readFileSync(path.join(repoRoot, 'app-config.production.yaml'), 'utf8')
      .split('\n')
      .filter(line => line.startsWith('#'))
      .join('\n');
    const deployment = fs.readFileSync(
      path.join(repoRoot, 'docs/deployment.md'),
      'utf8',
    );
    const table = deployment.slice(
      deployment.indexOf('## Environment variables'),
      deployment.indexOf(
        '\n## ',
        deployment.indexOf('## Environment variables') + 3,
      ),
    );
    const documented = new Set([
      ...[...header.matchAll(/^#\s+([A-Z][A-Z0-9_]+)/gm)].map(m => m[1]),
      ...[...header.matchAll(/,\s+([A-Z][A-Z0-9_]+)/g)].map(m => m[1]),
      ...[...table.matchAll(/^\|\s*`([A-Z][A-Z0-9_]+)`/gm)].map(m => m[1]),
    ]);
    expect(documented.size).toBeGreaterThan(5);
    const unused = [...documented].filter(
      name => !referenced.has(name) && !READ_BY_LIBRARIES.has(name),
    );
    expect(unused).toEqual([]);
  });
});
