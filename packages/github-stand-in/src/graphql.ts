import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, graphql, GraphQLSchema, parse, validate } from 'graphql';

/**
 * GitHub's GraphQL schema from `@octokit/graphql-schema`. The package is ESM-only and
 * exports no subpaths, so its `schema.graphql` is read from where Node would resolve it.
 */
function readSchemaIdl(): string {
  const candidates = require.resolve.paths('@octokit/graphql-schema') ?? [];
  for (const dir of candidates) {
    const file = join(dir, '@octokit', 'graphql-schema', 'schema.graphql');
    if (existsSync(file)) return readFileSync(file, 'utf8');
  }
  throw new Error('@octokit/graphql-schema is not installed');
}

let schema: GraphQLSchema | undefined;
function githubSchema(): GraphQLSchema {
  schema ??= buildSchema(readSchemaIdl(), { assumeValidSDL: true });
  return schema;
}

/** Objects the stand-in resolves: plain values, or functions of the field's arguments. */
export type GraphqlRoot = Record<string, unknown>;

/**
 * Runs a query against GitHub's real schema: a query GitHub would reject is rejected, and an
 * answer missing a field the schema declares non-null fails, so resolvers must be complete.
 */
export async function executeGithubGraphql(
  root: GraphqlRoot,
  query: string,
  variables: Record<string, unknown> | undefined,
): Promise<{ data?: unknown; errors?: Array<{ message: string }> }> {
  const document = parse(query);
  const invalid = validate(githubSchema(), document);
  if (invalid.length)
    return { errors: invalid.map(e => ({ message: e.message })) };
  const result = await graphql({
    schema: githubSchema(),
    source: query,
    rootValue: root,
    variableValues: variables,
  });
  return {
    ...(result.data ? { data: result.data } : {}),
    ...(result.errors
      ? { errors: result.errors.map(e => ({ message: e.message })) }
      : {}),
  };
}

const cursor = (index: number) =>
  Buffer.from(`cursor:${index}`, 'utf8').toString('base64');

/**
 * A GraphQL connection over `items`, paged like GitHub's: `first` items after the opaque
 * `after` cursor, with `pageInfo` and `totalCount`.
 */
export function connection<T>(
  items: T[],
  args: { first?: number | null; after?: string | null },
) {
  const start = args.after
    ? Number(Buffer.from(args.after, 'base64').toString('utf8').split(':')[1]) +
      1
    : 0;
  const first = Math.min(args.first ?? 100, 100);
  const page = items.slice(start, start + first);
  const end = start + page.length - 1;
  return {
    nodes: page,
    edges: page.map((node, i) => ({ node, cursor: cursor(start + i) })),
    totalCount: items.length,
    pageInfo: {
      hasNextPage: start + first < items.length,
      hasPreviousPage: start > 0,
      startCursor: page.length ? cursor(start) : null,
      endCursor: page.length ? cursor(end) : null,
    },
  };
}
