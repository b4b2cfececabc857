import {
  AdoptionCandidate,
  closestCandidate,
  EntityFields,
  GoldenPathRecord,
  RECORD_FILE,
  recoverValues,
  RepositoryFiles,
  VALUE_FILES,
} from '@internal/plugin-golden-path-upgrades-common';
import { isError, NotFoundError } from '@backstage/errors';
import fs from 'node:fs';
import path from 'node:path';
import { runGit } from './git';
import { deleteRefs, importCommits, readObjects } from './objects';
import { readBase } from './prepareUpgrade';
import { RenderCache } from './renderCache';
import { valuesForVersion } from './renderTemplate';
import { TemplateSource } from './templateSource';

/** The files of the default branch the values are recovered from. */
export async function repositoryFiles(
  repositoryDir: string,
  defaultBranch: string,
): Promise<RepositoryFiles> {
  const objects = await readObjects(
    repositoryDir,
    VALUE_FILES.map(f => `refs/heads/${defaultBranch}:${f}`),
  );
  const files: RepositoryFiles = {};
  VALUE_FILES.forEach((file, i) => {
    const object = objects[i];
    if (object?.type === 'blob' && object.content.length <= 256 * 1024) {
      files[file] = object.content.toString('utf8');
    }
  });
  return files;
}

/** The record a version would have written for these recovered values. */
export async function recordFor(
  source: TemplateSource,
  template: string,
  version: string,
  recovered: Record<string, unknown>,
): Promise<GoldenPathRecord> {
  const templateDir = await source.templateDir(template, version);
  const yaml = await fs.promises.readFile(
    path.join(templateDir, 'template.yaml'),
    'utf8',
  );
  return { template, version, values: valuesForVersion(yaml, recovered) };
}

function countNumstat(output: string): {
  linesDiffering: number;
  filesDiffering: number;
} {
  let linesDiffering = 0;
  let filesDiffering = 0;
  for (const entry of output.split('\0')) {
    const [added, deleted] = entry.split('\t');
    if (deleted === undefined) continue;
    filesDiffering++;
    // A binary file counts as one differing line: it differs, by how much is unknowable.
    linesDiffering += added === '-' ? 1 : Number(added) + Number(deleted);
  }
  return { linesDiffering, filesDiffering };
}

export type Inference = {
  /** The closest version and the record it would have written. */
  record: GoldenPathRecord;
  closest: AdoptionCandidate;
  /** Every version tried, closest first. */
  candidates: AdoptionCandidate[];
};

/**
 * Infers what a repository without `.golden-path.json` was made from: every version of each
 * candidate template is rendered with the values recovered from the catalog entity and the
 * repository's files, written into the repository as a scratch commit (one fast-import for
 * all), and compared with the default branch (`git diff-tree --numstat`); the version with
 * the fewest differing lines wins (see closestCandidate). The record file itself is left out
 * of the comparison: the repository has none.
 */
export async function inferAdoption(options: {
  source: TemplateSource;
  renders: RenderCache;
  repositoryDir: string;
  defaultBranch: string;
  entity: EntityFields;
  /** The templates to try: the entity's template annotation, else every golden path. */
  templates: string[];
}): Promise<Inference> {
  const { source, renders, repositoryDir, defaultBranch } = options;
  const base = await readBase(repositoryDir, defaultBranch);
  const recovered = recoverValues(
    options.entity,
    await repositoryFiles(repositoryDir, defaultBranch),
  );
  const tried: { record: GoldenPathRecord; ref: string }[] = [];
  for (const template of options.templates) {
    for (const { version } of await source.versions(template)) {
      let record: GoldenPathRecord;
      try {
        record = await recordFor(source, template, version, recovered);
      } catch (error) {
        // A version whose files no revision holds any more cannot be compared with.
        if (isError(error) && error.name === 'NotFoundError') continue;
        throw error;
      }
      tried.push({ record, ref: `refs/golden-path-adoption/${tried.length}` });
    }
  }
  if (tried.length === 0) {
    throw new NotFoundError('No golden path version to compare with');
  }
  const rendered = await Promise.all(
    tried.map(t =>
      renders.render(t.record.template, t.record.version, t.record.values),
    ),
  );
  try {
    await importCommits(
      repositoryDir,
      tried.map((t, i) => ({
        ref: t.ref,
        message: `${t.record.template} ${t.record.version}`,
        files: rendered[i].filter(f => f.path !== RECORD_FILE),
      })),
    );
    const candidates: AdoptionCandidate[] = [];
    for (const t of tried) {
      const { stdout } = await runGit(
        [
          'diff-tree',
          '-r',
          '--numstat',
          '-z',
          '--no-renames',
          base.tree,
          t.ref,
        ],
        { cwd: repositoryDir },
      );
      candidates.push({
        template: t.record.template,
        version: t.record.version,
        ...countNumstat(stdout),
      });
    }
    const closest = closestCandidate(candidates)!;
    const record = tried.find(
      t =>
        t.record.template === closest.template &&
        t.record.version === closest.version,
    )!.record;
    return {
      record,
      closest,
      candidates: [closest, ...candidates.filter(c => c !== closest)],
    };
  } finally {
    await deleteRefs(
      repositoryDir,
      tried.map(t => t.ref),
    );
  }
}
