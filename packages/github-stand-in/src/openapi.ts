// ajv checks every answer of the stand-in against GitHub's OpenAPI description.
import Ajv from 'ajv';

// @octokit/openapi ships JSON without type declarations.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { schemas } = require('@octokit/openapi') as {
  schemas: Record<string, any>;
};

const spec = schemas['api.github.com'];

/** OpenAPI 3.0 `nullable: true` → JSON Schema (`type: [t, 'null']`, or `anyOf` with null). */
function toJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    if (k !== 'nullable' && k !== 'example' && k !== 'examples')
      out[k] = toJsonSchema(v);
  }
  if ((node as { nullable?: boolean }).nullable === true) {
    if (typeof out.type === 'string') {
      out.type = [out.type, 'null'];
      if (Array.isArray(out.enum)) out.enum = [...out.enum, null];
      return out;
    }
    return { anyOf: [out, { type: 'null' }] };
  }
  return out;
}

let ajv: Ajv | undefined;
function compiler(): Ajv {
  if (!ajv) {
    ajv = new Ajv({ strict: false, validateFormats: false, allErrors: false });
    ajv.addSchema(
      {
        paths: toJsonSchema(spec.paths),
        components: toJsonSchema(spec.components),
      },
      'github',
    );
  }
  return ajv;
}

const pointer = (path: string, method: string, status: number) =>
  `github#/paths/${encodeURIComponent(
    path.replace(/~/g, '~0').replace(/\//g, '~1'),
  )}/${method}/responses/${status}/content/application~1json/schema`;

const validators = new Map<string, ReturnType<Ajv['compile']>>();

/**
 * Throws when a body does not match GitHub's documented response for the path (an OpenAPI
 * path template such as `/repos/{owner}/{repo}/teams`), method and status.
 */
export function validateGithubResponse(
  path: string,
  body: unknown,
  method = 'get',
  status = 200,
) {
  const key = `${method} ${status} ${path}`;
  let validate = validators.get(key);
  if (!validate) {
    if (!spec.paths[path]?.[method]?.responses?.[status]) {
      throw new Error(`GitHub's OpenAPI has no ${key}`);
    }
    validate = compiler().compile({ $ref: pointer(path, method, status) });
    validators.set(key, validate);
  }
  if (!validate(body)) {
    throw new Error(
      `stand-in answer for ${key} does not match GitHub's OpenAPI: ${compiler().errorsText(
        validate.errors,
      )}`,
    );
  }
}

/** A deep copy of one of the examples in GitHub's OpenAPI description (`components.examples`). */
export function githubExample(name: string): any {
  const example = spec.components.examples[name];
  if (!example) throw new Error(`GitHub's OpenAPI has no example ${name}`);
  return JSON.parse(JSON.stringify(example.value));
}
