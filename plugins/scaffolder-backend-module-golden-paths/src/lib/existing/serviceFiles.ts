import { ConflictError, InputError } from '@backstage/errors';
import {
  Document,
  isMap,
  isScalar,
  isSeq,
  parseAllDocuments,
  parseDocument,
  YAMLMap,
  YAMLSeq,
} from 'yaml';
import { ENVIRONMENTS } from '../parameters';

/** The files of a service's repository as its default branch holds them. */
export type ServiceFiles = {
  /** The file's text, or undefined when the repository has no such file. */
  read(file: string): string | undefined;
};

/** A change to an existing service: the new content of each file it touches, and why. */
export type ServiceChange = {
  /** Repository-relative path → the file's new content. */
  files: Map<string, string>;
  /** Title of the pull request (and first line of the commit message). */
  title: string;
  /** The pull request's description: what changed, file by file, and why. */
  description: string;
};

/** Serialising options that keep the team's formatting: no re-wrapping, `[a, b]` stays. */
const TO_STRING = { lineWidth: 0, flowCollectionPadding: false } as const;

/** Refuses a file that is not in the shape a golden path generated, naming the file. */
export function notInShape(file: string, problem: string): InputError {
  return new InputError(
    `${file} is not in the shape the golden path expects: ${problem}. Make this change by hand, or bring the file back to the template's shape first.`,
  );
}

/** Refuses a change the service already has. */
export function alreadyHas(
  name: string,
  what: string,
  evidence: string,
): ConflictError {
  return new ConflictError(`${name} already has ${what} (${evidence})`);
}

export function requireFile(files: ServiceFiles, file: string): string {
  const text = files.read(file);
  if (text === undefined) throw notInShape(file, 'the file is missing');
  return text;
}

/** One YAML document, parsed with its comments; a syntax error is refused naming the file. */
export function readYaml(files: ServiceFiles, file: string): Document {
  const doc = parseDocument(requireFile(files, file));
  if (doc.errors.length) throw notInShape(file, doc.errors[0].message);
  if (!isMap(doc.contents)) throw notInShape(file, 'it is not a YAML mapping');
  return doc;
}

/** Every YAML document of a file (catalog-info.yaml holds several), with their comments. */
export function readYamlDocuments(
  files: ServiceFiles,
  file: string,
): Document[] {
  const docs = parseAllDocuments(requireFile(files, file));
  if (!Array.isArray(docs)) {
    throw notInShape(file, 'it holds no YAML document');
  }
  for (const doc of docs) {
    if (doc.errors.length) throw notInShape(file, doc.errors[0].message);
  }
  return docs as Document[];
}

export function yamlText(doc: Document): string {
  return doc.toString(TO_STRING);
}

export function yamlDocumentsText(docs: Document[]): string {
  return docs
    .map((doc, index) => {
      if (index > 0) doc.directives!.docStart = true;
      return doc.toString(TO_STRING);
    })
    .join('');
}

/** The mapping at `path`, created when `create` and absent; anything else is refused. */
export function mapAt(
  doc: Document,
  file: string,
  path: string[],
  create = false,
): YAMLMap {
  const node = doc.getIn(path, true);
  if (node === undefined && create) {
    doc.setIn(path, doc.createNode({}));
    return doc.getIn(path, true) as YAMLMap;
  }
  if (!isMap(node)) {
    throw notInShape(file, `${path.join('.')} is not a mapping`);
  }
  return node;
}

/** The sequence at `path`, created when `create` and absent; anything else is refused. */
export function seqAt(
  doc: Document,
  file: string,
  path: Array<string | number>,
  create = false,
): YAMLSeq {
  const node = doc.getIn(path, true);
  if (node === undefined && create) {
    doc.setIn(path, doc.createNode([]));
    return doc.getIn(path, true) as YAMLSeq;
  }
  if (!isSeq(node)) {
    throw notInShape(file, `${path.join('.')} is not a list`);
  }
  return node;
}

export const CATALOG_INFO = 'catalog-info.yaml';
export const CI_WORKFLOW = '.github/workflows/ci.yaml';
export const DEPLOY_WORKFLOW = '.github/workflows/deploy.yaml';
export const DEPLOYMENT = 'k8s/base/deployment.yaml';

/** The catalog-info.yaml documents and the index of the component named `name`. */
export function readCatalogInfo(files: ServiceFiles, name: string) {
  const docs = readYamlDocuments(files, CATALOG_INFO);
  const index = docs.findIndex(
    doc =>
      doc.get('kind') === 'Component' &&
      doc.getIn(['metadata', 'name']) === name,
  );
  if (index < 0) {
    throw notInShape(CATALOG_INFO, `it has no Component named ${name}`);
  }
  return { docs, component: docs[index] };
}

/**
 * The environments the service deploys to: the `deploy-<environment>` jobs of its CI workflow,
 * in the golden paths' order.
 */
export function deployedEnvironments(files: ServiceFiles): string[] {
  const workflow = readYaml(files, CI_WORKFLOW);
  const jobs = mapAt(workflow, CI_WORKFLOW, ['jobs']);
  const names = jobs.items.map(pair =>
    String((pair.key as any)?.value ?? pair.key),
  );
  return ENVIRONMENTS.filter(environment =>
    names.includes(`deploy-${environment}`),
  );
}

/** The pull request description: what changed (file by file) and why. */
export function describeChange(options: {
  why: string;
  changes: Array<[file: string, what: string]>;
  after?: string[];
}): string {
  return [
    options.why,
    '',
    '## What changes',
    '',
    ...options.changes.map(([file, what]) => `- \`${file}\`: ${what}`),
    ...(options.after?.length
      ? ['', '## After merging', '', ...options.after.map(line => `- ${line}`)]
      : []),
    '',
    'Opened by the Acme Developer Portal. Running the golden path again for this service updates this branch.',
    '',
  ].join('\n');
}

const TEMPLATE_VALUES = [
  'metadata',
  'annotations',
  'acme.example/template-values',
];

/**
 * Updates one of the template values a component records (`acme.example/template-values`, the
 * values it was rendered with), so that a later upgrade of the template keeps the change. A
 * component without the record, or without that value, is left as it is.
 */
export function recordTemplateValue(
  component: Document,
  key: string,
  update: (value: unknown) => unknown,
): void {
  const raw = component.getIn(TEMPLATE_VALUES);
  if (typeof raw !== 'string') return;
  let values: unknown;
  try {
    values = JSON.parse(raw);
  } catch {
    return;
  }
  if (!values || typeof values !== 'object' || !(key in values)) return;
  const record = values as Record<string, unknown>;
  record[key] = update(record[key]);
  component.setIn(TEMPLATE_VALUES, JSON.stringify(record));
}

/**
 * Inserts a string into a list, quoted like the list's other items (a template writes
 * `["dev","production"]`; the team's list may be plain), at `index` or at the end.
 */
export function insertLike(
  doc: Document,
  seq: YAMLSeq,
  value: string,
  index = seq.items.length,
): void {
  const node = doc.createNode(value);
  const neighbour = seq.items.find(isScalar);
  if (neighbour?.type) node.type = neighbour.type;
  seq.items.splice(index, 0, node);
}

/** The golden path whose files the changes know. */
export const SUPPORTED_TEMPLATE = 'typescript-service';

/**
 * Refuses a component made from another golden path (its `acme.example/template`): its files
 * have another shape and, for monitoring, other metrics. A component without the annotation is
 * judged by its files.
 */
export function requireSupportedTemplate(
  files: ServiceFiles,
  name: string,
  path: string,
): void {
  const { component } = readCatalogInfo(files, name);
  const template = component.getIn([
    'metadata',
    'annotations',
    'acme.example/template',
  ]);
  if (template !== undefined && template !== SUPPORTED_TEMPLATE) {
    throw new InputError(
      `${name} was made from the ${JSON.stringify(
        String(template),
      )} golden path; ${path} changes services made from ${SUPPORTED_TEMPLATE}`,
    );
  }
}
