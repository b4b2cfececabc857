import {
  Document,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseAllDocuments,
} from 'yaml';
import { factDefinition } from './facts';
import { AppliesTo, CheckDefinition, CheckRule } from './types';

/** One reason a definition file is refused, with where it is. */
export type DefinitionProblem = { file: string; line: number; reason: string };

/** Thrown at start when a definition is invalid: every problem, `file:line: reason` each. */
export class CheckDefinitionError extends Error {
  readonly problems: DefinitionProblem[];

  constructor(problems: DefinitionProblem[]) {
    super(
      `Invalid scorecard check definitions:\n${problems
        .map(p => `  ${p.file}:${p.line}: ${p.reason}`)
        .join('\n')}`,
    );
    this.name = 'CheckDefinitionError';
    this.problems = problems;
  }
}

export const CHECK_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;
const FIELDS = ['id', 'title', 'why', 'docs', 'appliesTo', 'level', 'rule'];
const APPLIES_TO_FIELDS = ['kind', 'type', 'lifecycle', 'tags'];
// eslint-disable-next-line no-control-regex -- control characters are what it refuses
const CONTROL = /[\u0000-\u001f\u007f]/;

type Path = (string | number)[];

/** Reads one YAML document of a check file, noting problems with their line. */
class DocumentReader {
  constructor(
    private readonly doc: Document,
    private readonly lineOf: (offset: number) => number,
    private readonly problem: (line: number, reason: string) => void,
  ) {}

  line(path: Path): number {
    for (let i = path.length; i >= 0; i--) {
      const node =
        i === 0 ? this.doc.contents : this.doc.getIn(path.slice(0, i), true);
      const range = (node as { range?: [number, number, number] } | null)
        ?.range;
      if (range) return this.lineOf(range[0]);
    }
    return 1;
  }

  fail(path: Path, reason: string): undefined {
    this.problem(this.line(path), `${path.join('.')}: ${reason}`);
    return undefined;
  }

  node(path: Path): unknown {
    return path.length ? this.doc.getIn(path, true) : this.doc.contents;
  }

  value(path: Path): unknown {
    return this.doc.getIn(path);
  }

  unknownKeys(path: Path, allowed: string[]) {
    const node = this.node(path);
    if (!isMap(node)) return;
    for (const pair of node.items) {
      const key = String((pair.key as { value?: unknown })?.value ?? pair.key);
      if (!allowed.includes(key)) this.fail([...path, key], 'unknown field');
    }
  }

  text(
    path: Path,
    options: { max: number; pattern?: RegExp },
  ): string | undefined {
    const value = this.value(path);
    if (typeof value !== 'string' || !value.trim()) {
      return this.fail(path, 'is required, as text');
    }
    if (value.length > options.max) {
      return this.fail(path, `must be at most ${options.max} characters`);
    }
    if (CONTROL.test(value.replace(/\n/g, ''))) {
      return this.fail(path, 'must not contain control characters');
    }
    if (options.pattern && !options.pattern.test(value)) {
      return this.fail(path, `must match ${options.pattern}`);
    }
    return value.trim();
  }

  number(path: Path): number | undefined {
    const value = this.value(path);
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      return this.fail(path, 'must be a finite number');
    }
    return value;
  }

  list(path: Path): string[] | undefined {
    const node = this.doc.getIn(path, true);
    if (node === undefined) return undefined;
    if (!isSeq(node)) return this.fail(path, 'must be a list of text');
    const items = node.items.map(item => (isScalar(item) ? item.value : item));
    const result: string[] = [];
    items.forEach((item, index) => {
      if (typeof item !== 'string' || !item.trim() || CONTROL.test(item)) {
        this.fail([...path, index], 'must be text');
      } else result.push(item.trim());
    });
    return result;
  }
}

function readRule(reader: DocumentReader): CheckRule | undefined {
  if (!isMap(reader.node(['rule']))) {
    return reader.fail(
      ['rule'],
      'is required: { fact, equals } or { fact, operator, threshold | min and max }',
    );
  }
  const factId = reader.text(['rule', 'fact'], { max: 100 });
  if (!factId) return undefined;
  const fact = factDefinition(factId);
  if (!fact) return reader.fail(['rule', 'fact'], `unknown fact ${factId}`);
  if (fact.type === 'boolean') {
    reader.unknownKeys(['rule'], ['fact', 'equals']);
    const equals = reader.value(['rule', 'equals']) ?? true;
    if (typeof equals !== 'boolean') {
      return reader.fail(['rule', 'equals'], 'must be true or false');
    }
    return { fact: factId, equals };
  }
  reader.unknownKeys(
    ['rule'],
    ['fact', 'operator', 'threshold', 'min', 'max', 'unit'],
  );
  const unit = reader.value(['rule', 'unit']) ?? fact.unit;
  if (unit !== fact.unit) {
    return reader.fail(
      ['rule', 'unit'],
      `the fact ${factId} is measured in "${fact.unit}"`,
    );
  }
  const operator = reader.value(['rule', 'operator']);
  if (operator === '>=' || operator === '<=') {
    const threshold = reader.number(['rule', 'threshold']);
    return threshold === undefined
      ? undefined
      : { fact: factId, operator, threshold, unit: fact.unit };
  }
  if (operator === 'between') {
    const min = reader.number(['rule', 'min']);
    const max = reader.number(['rule', 'max']);
    if (min === undefined || max === undefined) return undefined;
    if (min > max)
      return reader.fail(['rule', 'max'], `must be at least min (${min})`);
    return { fact: factId, operator, min, max, unit: fact.unit };
  }
  return reader.fail(
    ['rule', 'operator'],
    `the fact ${factId} is a number: operator must be ">=", "<=" or "between"`,
  );
}

/**
 * Parses one check file: one check per YAML document (documents separated by `---`). Every
 * problem is collected with its line (1-based), so one start reports all of a file's mistakes.
 */
export function parseCheckFile(
  file: string,
  text: string,
  levels: readonly string[],
): {
  checks: { check: CheckDefinition; line: number }[];
  problems: DefinitionProblem[];
} {
  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(text, { lineCounter, uniqueKeys: true });
  const problems: DefinitionProblem[] = [];
  const checks: { check: CheckDefinition; line: number }[] = [];
  const lineOf = (offset: number) => lineCounter.linePos(offset).line;
  const yamlDocuments = Array.isArray(documents) ? documents : [];
  if (!Array.isArray(documents)) {
    problems.push({ file, line: 1, reason: 'not a YAML document stream' });
  }
  for (const doc of yamlDocuments) {
    if (doc.errors.length > 0) {
      for (const error of doc.errors) {
        problems.push({
          file,
          line: lineOf(error.pos[0]),
          reason: error.message
            .split('\n')[0]
            .replace(/ at line \d+, column \d+:?$/, ''),
        });
      }
      continue;
    }
    if (doc.contents === null) continue; // an empty document (a trailing ---)
    const reader = new DocumentReader(doc, lineOf, (line, reason) =>
      problems.push({ file, line, reason }),
    );
    if (!isMap(doc.contents)) {
      reader.fail(
        [],
        'a check must be a mapping of id, title, why, docs, appliesTo, level, rule',
      );
      continue;
    }
    const before = problems.length;
    reader.unknownKeys([], FIELDS);
    const id = reader.text(['id'], { max: 63, pattern: CHECK_ID_PATTERN });
    const title = reader.text(['title'], { max: 200 });
    const why = reader.text(['why'], { max: 2000 });
    const docs = reader.text(['docs'], {
      max: 500,
      pattern: /^(https:\/\/|\/)\S+$/,
    });
    const level = reader.text(['level'], { max: 40 });
    if (level && !levels.includes(level)) {
      reader.fail(['level'], `must be one of ${levels.join(', ')}`);
    }
    const appliesTo: AppliesTo = {};
    if (reader.node(['appliesTo']) !== undefined) {
      if (!isMap(reader.node(['appliesTo']))) {
        reader.fail(
          ['appliesTo'],
          'must be a mapping of kind, type, lifecycle, tags',
        );
      } else {
        reader.unknownKeys(['appliesTo'], APPLIES_TO_FIELDS);
        for (const field of APPLIES_TO_FIELDS as (keyof AppliesTo)[]) {
          const list = reader.list(['appliesTo', field]);
          if (list) appliesTo[field] = list;
        }
      }
    }
    const rule = readRule(reader);
    if (
      problems.length === before &&
      id &&
      title &&
      why &&
      docs &&
      level &&
      rule
    ) {
      checks.push({
        check: { id, title, why, docs, appliesTo, level, rule },
        line: reader.line(['id']),
      });
    }
  }
  return { checks, problems };
}

/**
 * Parses every check file and refuses the set when any file has a problem or two checks share
 * an id. Throws {@link CheckDefinitionError} listing them all; returns the checks ordered by id.
 */
export function parseCheckFiles(
  files: { file: string; text: string }[],
  levels: readonly string[],
): CheckDefinition[] {
  const problems: DefinitionProblem[] = [];
  const byId = new Map<string, { check: CheckDefinition; file: string }>();
  for (const { file, text } of files) {
    const parsed = parseCheckFile(file, text, levels);
    problems.push(...parsed.problems);
    for (const { check, line } of parsed.checks) {
      const earlier = byId.get(check.id);
      if (earlier) {
        problems.push({
          file,
          line,
          reason: `id: ${check.id} is already defined in ${earlier.file}`,
        });
      } else byId.set(check.id, { check, file });
    }
  }
  if (problems.length > 0) throw new CheckDefinitionError(problems);
  return [...byId.values()]
    .map(entry => entry.check)
    .sort((a, b) => a.id.localeCompare(b.id));
}
