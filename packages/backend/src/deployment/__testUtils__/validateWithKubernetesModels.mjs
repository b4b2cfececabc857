// Checks Kubernetes objects against the Kubernetes API's schemas as the `kubernetes-models`
// package carries them, two ways:
//  - `schema`: the model class of the object's apiVersion and kind, and its `.validate()`
//    (types, formats such as quantities, required fields, enums); an unknown apiVersion or
//    kind is an error;
//  - `fields`: the object type-checked as a literal of the kind's TypeScript interface
//    (`I<Kind>` of `kubernetes-models/<apiVersion>/<Kind>`), which reports every field the API
//    does not have, at any depth: the validators let unknown fields through.
// Run by manifests.test.ts in a Node process of its own: kubernetes-models is ESM-only, which
// the tests' CommonJS runtime cannot import.
//
// stdin: a JSON array of objects. stdout: a JSON array of { schema: string | null, fields: string[] }.
import path from 'node:path';
import { text } from 'node:stream/consumers';
import ts from 'typescript';

const objects = JSON.parse(await text(process.stdin));
const fields = unknownFields(objects);
const results = [];
for (const [i, object] of objects.entries()) {
  results.push({ schema: await schemaProblem(object), fields: fields[i] });
}
process.stdout.write(JSON.stringify(results));

async function schemaProblem(object) {
  const { apiVersion, kind } = object ?? {};
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') {
    return 'apiVersion and kind must be strings';
  }
  let group;
  try {
    // `v1` (the core group) and `<group>/<version>` are both entry points of the package.
    group = await import(`kubernetes-models/${apiVersion}`);
  } catch {
    return `unknown apiVersion ${apiVersion}`;
  }
  const Model = group[kind];
  // A group also exports the types inside objects (DeploymentSpec, …): only a top-level kind
  // carries its own apiVersion and kind.
  if (
    typeof Model !== 'function' ||
    Model.kind !== kind ||
    Model.apiVersion !== apiVersion
  ) {
    return `unknown kind ${kind} in ${apiVersion}`;
  }
  try {
    new Model(object).validate();
    return null;
  } catch (error) {
    return String(error?.message ?? error);
  }
}

function unknownFields(list) {
  // A file that does not exist, beside this one, so that `kubernetes-models` resolves from here.
  const virtualFile = path.join(
    import.meta.dirname,
    '__renderedManifests__.ts',
  );
  // One import line per object, then one declaration line per object: a diagnostic's line says
  // which object it is about.
  const lines = [
    ...list.map(
      (o, i) =>
        `import type { I${o.kind} as T${i} } from ${JSON.stringify(
          `kubernetes-models/${o.apiVersion}/${o.kind}`,
        )};`,
    ),
    ...list.map((o, i) => `export const o${i}: T${i} = ${JSON.stringify(o)};`),
  ];
  const source = lines.join('\n');
  const options = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    types: [],
    lib: ['lib.es2022.d.ts'],
  };
  const host = ts.createCompilerHost(options);
  const isVirtual = fileName => path.resolve(fileName) === virtualFile;
  const { getSourceFile, fileExists, readFile } = host;
  host.getSourceFile = (fileName, languageVersion, ...rest) =>
    isVirtual(fileName)
      ? ts.createSourceFile(fileName, source, languageVersion)
      : getSourceFile.call(host, fileName, languageVersion, ...rest);
  host.fileExists = fileName =>
    isVirtual(fileName) || fileExists.call(host, fileName);
  host.readFile = fileName =>
    isVirtual(fileName) ? source : readFile.call(host, fileName);
  const program = ts.createProgram([virtualFile], options, host);
  const problems = list.map(() => []);
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    const message = ts.flattenDiagnosticMessageText(
      diagnostic.messageText,
      '\n',
    );
    if (!diagnostic.file || !isVirtual(diagnostic.file.fileName)) {
      throw new Error(`Type-checking the manifests failed: ${message}`);
    }
    const { line } = diagnostic.file.getLineAndCharacterOfPosition(
      diagnostic.start ?? 0,
    );
    if (line < list.length) {
      // The import of the kind's interface did not resolve.
      problems[line].push(
        `unknown kind ${list[line].kind} in ${list[line].apiVersion}`,
      );
    } else {
      problems[line - list.length].push(message);
    }
  }
  return problems;
}
