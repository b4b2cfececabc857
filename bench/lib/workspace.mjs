import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root folder. */
export const root = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../..',
);

/**
 * A `require` that resolves as the workspace package in `packageDir` does (so `./src/...` is
 * its own source), after letting Node load TypeScript sources the way
 * `backstage-cli package start` does.
 */
export function workspaceRequire(/** @type {string} */ packageDir) {
  const require = createRequire(path.join(root, packageDir, 'package.json'));
  require('@backstage/cli-node/config/nodeTransform.cjs');
  return require;
}

/**
 * A TypeScript source of the package whose `require` (from workspaceRequire) is given, by its
 * path in the package (`src/service/router.ts`). Typed `any` here: the source is type-checked
 * with its package.
 *
 * @param {NodeRequire} require
 * @param {string} file
 * @returns {any}
 */
export function requireSource(require, file) {
  return require(`./${file}`);
}
