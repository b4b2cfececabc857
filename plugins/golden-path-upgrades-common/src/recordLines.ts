import {
  TEMPLATE_ANNOTATION,
  TEMPLATE_VALUES_ANNOTATION,
  TEMPLATE_VERSION_ANNOTATION,
} from './record';

/** The catalog file every golden path writes, carrying the record's annotations. */
export const CATALOG_FILE = 'catalog-info.yaml';

const RECORD_KEYS = [
  TEMPLATE_ANNOTATION,
  TEMPLATE_VERSION_ANNOTATION,
  TEMPLATE_VALUES_ANNOTATION,
];

/** `    acme.example/template-values` for a record annotation line, else undefined. */
function recordKey(line: string): string | undefined {
  const colon = line.indexOf(':');
  if (colon < 0) return undefined;
  const key = line.slice(0, colon);
  return RECORD_KEYS.includes(key.trim()) ? key : undefined;
}

/** A YAML stream's documents, each as its lines (the `---` separators kept on their own). */
function documents(text: string): string[][] {
  const docs: string[][] = [[]];
  for (const line of text.split('\n')) {
    if (/^---\s*$/.test(line)) docs.push([line], []);
    else docs[docs.length - 1].push(line);
  }
  return docs;
}

/**
 * The team's catalog-info.yaml with the record annotations (`acme.example/template`,
 * `-version`, `-values`) of the old render that it lacks, as if the repository had always
 * carried them: each missing line goes right after the line that precedes it in the old
 * render, when the team's file has that line (found in order, document by document). A key
 * the team's document has with another value, or a line whose predecessor the team changed,
 * is left out: there the merge shows both sides to a person.
 *
 * Repositories made before the record existed lack these lines, and every new version
 * changes them (the version, the values): without them the template's change of those lines
 * overlaps the team's "deletion" of them, a conflict nobody made.
 */
export function withRecordLines(team: string, oldRender: string): string {
  const teamDocs = documents(team);
  const oldDocs = documents(oldRender);
  const out = teamDocs.map((lines, d) => {
    const old = oldDocs[d];
    if (!old) return lines;
    const result = [...lines];
    const keys = new Set(result.map(recordKey).filter(k => k !== undefined));
    let cursor = 0;
    // Where the previous old-render line is in `result`, or -1 when the team lacks it.
    let previous = -1;
    for (const line of old) {
      const at = result.indexOf(line, cursor);
      if (at >= 0) {
        cursor = at + 1;
        previous = at;
        continue;
      }
      const key = recordKey(line);
      if (key !== undefined && previous >= 0 && !keys.has(key)) {
        result.splice(previous + 1, 0, line);
        keys.add(key);
        previous += 1;
        cursor = previous + 1;
        continue;
      }
      previous = -1;
    }
    return result;
  });
  return out.flat().join('\n');
}
