import { generateKeyPairSync, KeyObject, sign } from 'node:crypto';
import { Octokit } from '@octokit/rest';
import { GithubOrganization, serveOrganizations } from './organization';
import { GithubStandIn } from './GithubStandIn';
import { serveApp } from './app';

const org = new GithubOrganization('acme-retail', {
  repositories: [
    {
      name: 'cart',
      files: {
        'catalog-info.yaml': 'kind: Component\n',
        '.github/CODEOWNERS': '* @acme-retail/shop\n',
      },
      topics: ['backstage'],
      teams: { shop: 'admin' },
    },
    { name: 'legacy', archived: true },
    { name: 'web', language: 'TypeScript' },
  ],
  teams: [
    { slug: 'platform', name: 'Platform', members: ['ada'] },
    { slug: 'shop', name: 'Shop', parent: 'platform', members: ['ada', 'bo'] },
  ],
  members: [
    { login: 'ada', name: 'Ada', email: 'ada@acme-retail.example' },
    { login: 'bo' },
  ],
});

describe('GithubStandIn', () => {
  const standIn = new GithubStandIn();
  let octokit: Octokit;
  let baseUrl: string;

  beforeAll(async () => {
    serveOrganizations(standIn, [org]);
    serveApp(standIn, { appId: 7, installedOn: ['acme-retail'] });
    baseUrl = await standIn.start();
    octokit = new Octokit({ baseUrl, auth: 'token' });
  });
  afterAll(() => standIn.stop());
  afterEach(() => {
    const violations = standIn.violations.splice(0);
    // Every answer must have matched GitHub's OpenAPI description or GraphQL schema.
    if (violations.length) throw new Error(violations.join('\n'));
  });

  it('pages REST lists with Link headers, as GitHub does', async () => {
    const repos = await octokit.paginate(octokit.rest.repos.listForOrg, {
      org: 'acme-retail',
      per_page: 100,
    });
    expect(repos.map(r => [r.full_name, r.archived])).toEqual([
      ['acme-retail/cart', false],
      ['acme-retail/legacy', true],
      ['acme-retail/web', false],
    ]);
    // pageSize 2: three repositories take two requests.
    expect(standIn.requests(/^\/orgs\/acme-retail\/repos$/)).toBe(2);
  });

  it('answers file contents as JSON, raw, or 404, and 304 for an unchanged ETag', async () => {
    const { data, headers } = await octokit.rest.repos.getContent({
      owner: 'acme-retail',
      repo: 'cart',
      path: '.github/CODEOWNERS',
    });
    expect(
      Buffer.from((data as { content: string }).content, 'base64').toString(),
    ).toBe('* @acme-retail/shop\n');
    const raw = await octokit.request(
      'GET /repos/{owner}/{repo}/contents/{path}',
      {
        owner: 'acme-retail',
        repo: 'cart',
        path: 'catalog-info.yaml',
        mediaType: { format: 'raw' },
      },
    );
    expect(raw.data).toBe('kind: Component\n');
    await expect(
      octokit.rest.repos.getContent({
        owner: 'acme-retail',
        repo: 'web',
        path: 'CODEOWNERS',
      }),
    ).rejects.toMatchObject({ status: 404 });
    await expect(
      octokit.rest.repos.getContent({
        owner: 'acme-retail',
        repo: 'cart',
        path: '.github/CODEOWNERS',
        headers: { 'if-none-match': headers.etag! },
      }),
    ).rejects.toMatchObject({ status: 304 });
  });

  it('validates answers against the OpenAPI description', async () => {
    standIn.route('/repos/{owner}/{repo}/teams', () => [
      { slug: 'not-a-team' },
    ]);
    // The first matching route wins; a broken route registered first shows the check.
    standIn.routes.unshift(standIn.routes.pop()!);
    await expect(
      octokit.rest.repos.listTeams({ owner: 'acme-retail', repo: 'cart' }),
    ).rejects.toMatchObject({ status: 500 });
    expect(standIn.violations.splice(0)).toEqual([
      expect.stringMatching(/does not match GitHub's OpenAPI/),
    ]);
    standIn.routes.shift();
    const { data } = await octokit.rest.repos.listTeams({
      owner: 'acme-retail',
      repo: 'cart',
    });
    expect(data.map(t => [t.slug, t.permission])).toEqual([['shop', 'admin']]);
  });

  it('executes GraphQL against GitHub schema, paging connections', async () => {
    const result: any = await octokit.graphql(
      `query ($org: String!, $cursor: String) {
        organization(login: $org) {
          teams(first: 1, after: $cursor) {
            pageInfo { hasNextPage endCursor }
            nodes { slug combinedSlug parentTeam { slug } members(first: 10) { nodes { login email } } }
          }
        }
        repositoryOwner(login: $org) {
          repositories(first: 10) {
            nodes { name url catalog: object(expression: "HEAD:catalog-info.yaml") { __typename ... on Blob { text } } }
          }
        }
      }`,
      { org: 'acme-retail' },
    );
    const teams = result.organization.teams;
    expect(teams.nodes[0]).toEqual({
      slug: 'platform',
      combinedSlug: 'acme-retail/platform',
      parentTeam: null,
      members: { nodes: [{ login: 'ada', email: 'ada@acme-retail.example' }] },
    });
    expect(teams.pageInfo.hasNextPage).toBe(true);
    const next: any = await octokit.graphql(
      `query ($org: String!, $cursor: String) { organization(login: $org) {
        teams(first: 1, after: $cursor) { pageInfo { hasNextPage } nodes { slug parentTeam { slug } } } } }`,
      { org: 'acme-retail', cursor: teams.pageInfo.endCursor },
    );
    expect(next.organization.teams).toEqual({
      pageInfo: { hasNextPage: false },
      nodes: [{ slug: 'shop', parentTeam: { slug: 'platform' } }],
    });
    expect(result.repositoryOwner.repositories.nodes).toEqual([
      {
        name: 'cart',
        url: 'https://github.com/acme-retail/cart',
        catalog: { __typename: 'Blob', text: 'kind: Component\n' },
      },
      {
        name: 'legacy',
        url: 'https://github.com/acme-retail/legacy',
        catalog: null,
      },
      { name: 'web', url: 'https://github.com/acme-retail/web', catalog: null },
    ]);
  });

  it('refuses a query GitHub would refuse', async () => {
    await expect(
      octokit.graphql(
        'query { organization(login: "acme-retail") { noSuchField } }',
      ),
    ).rejects.toThrow(/noSuchField/);
    expect(standIn.violations.splice(0)).toEqual([
      expect.stringMatching(/Cannot query field "noSuchField"/),
    ]);
  });

  it('answers rate limits as GitHub does', async () => {
    standIn.fault(/^\/orgs\/acme-retail\/repos$/, {
      kind: 'secondaryRateLimit',
      times: 1,
      retryAfterSeconds: 7,
    });
    await expect(
      octokit.rest.repos.listForOrg({ org: 'acme-retail' }),
    ).rejects.toMatchObject({
      status: 403,
      response: { headers: { 'retry-after': '7' } },
    });
    standIn.fault(/^\/orgs\/acme-retail\/repos$/, {
      kind: 'primaryRateLimit',
      times: 1,
    });
    await expect(
      octokit.rest.repos.listForOrg({ org: 'acme-retail' }),
    ).rejects.toMatchObject({
      status: 403,
      response: { headers: { 'x-ratelimit-remaining': '0' } },
    });
  });

  it("answers a GitHub App's endpoints only with a JWT signed by its key", async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const installations = (authorization: string) =>
      fetch(`${baseUrl}/app/installations`, { headers: { authorization } });
    // A JWT of another key, or a token: refused.
    expect(
      (await installations(`Bearer ${jwt({ iss: 7 }, privateKey)}`)).status,
    ).toBe(401);
    expect((await installations('token ghp_not_a_jwt')).status).toBe(401);
    const tokenRequest = await fetch(
      `${baseUrl}/app/installations/1000/access_tokens`,
      {
        method: 'POST',
        headers: { authorization: `Bearer ${jwt({ iss: 7 }, privateKey)}` },
      },
    );
    expect(tokenRequest.status).toBe(401);
    expect(standIn.requests(/^\/app\//)).toBe(3);
  });
});

/** An RS256 JSON web token of the claims, valid for ten minutes. */
function jwt(claims: Record<string, unknown>, key: KeyObject) {
  const now = Math.floor(Date.now() / 1000);
  const encode = (o: unknown) =>
    Buffer.from(JSON.stringify(o)).toString('base64url');
  const unsigned = `${encode({ alg: 'RS256', typ: 'JWT' })}.${encode({
    iat: now,
    exp: now + 600,
    ...claims,
  })}`;
  return `${unsigned}.${sign('RSA-SHA256', Buffer.from(unsigned), key).toString(
    'base64url',
  )}`;
}
