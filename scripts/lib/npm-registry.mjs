// Reading package documents from the npm registry the machine is configured for, with Node's
// own fetch, for scripts/backstage-patches.mjs and scripts/backstage-release.mjs.
import { execFileSync } from 'node:child_process';

/**
 * The registry URL, ending in `/`: `--registry <url>` among `args`, else npm's configuration
 * (`npm_config_registry` when run through npm, else `npm config get registry`), else the
 * public registry.
 *
 * @param {string[]} args
 */
export function registryUrl(args) {
  const index = args.indexOf('--registry');
  const url = index >= 0 ? args[index + 1] : configuredRegistry();
  return url.replace(/\/?$/, '/');
}

function configuredRegistry() {
  if (process.env.npm_config_registry) return process.env.npm_config_registry;
  try {
    const configured = execFileSync('npm', ['config', 'get', 'registry'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    if (/^https?:\/\//.test(configured)) return configured;
  } catch {
    // No npm on PATH: fall back to the public registry.
  }
  return 'https://registry.npmjs.org/';
}

/**
 * The registry's documents of `names`, eight requests at a time. `abbreviated` asks for the
 * install metadata only (versions without descriptions, readmes or devDependencies).
 *
 * @param {string} registry
 * @param {string[]} names
 * @param {{ abbreviated?: boolean }} [options]
 * @returns {Promise<{ documents: Map<string, any>, failures: string[] }>} documents by name,
 *   sorted; a failure names the package and the reason
 */
export async function fetchPackuments(registry, names, options = {}) {
  const accept = options.abbreviated
    ? 'application/vnd.npm.install-v1+json; q=1.0, application/json; q=0.8'
    : 'application/json';
  const documents = new Map();
  /** @type {string[]} */
  const failures = [];
  const queue = [...names];
  const worker = async () => {
    for (let name = queue.shift(); name; name = queue.shift()) {
      const url = `${registry}${name.replace('/', '%2f')}`;
      try {
        const response = await fetch(url, {
          headers: { accept },
          signal: AbortSignal.timeout(60_000),
        });
        if (!response.ok) throw new Error(`${response.status} from ${url}`);
        documents.set(name, await response.json());
      } catch (error) {
        failures.push(`${name}: ${/** @type {Error} */ (error).message}`);
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return {
    documents: new Map([...documents].sort(([a], [b]) => (a < b ? -1 : 1))),
    failures,
  };
}
