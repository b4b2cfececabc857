import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';

/**
 * Git's smart HTTP protocol for the stand-in's repositories, answered by `git http-backend`
 * (it ships with git) over bare repositories in `root`: clients really push and clone.
 * Every request must carry the token as Basic auth, as GitHub's `x-access-token` does.
 */
export class GitHttpHost {
  constructor(readonly root: string, private readonly token: string) {}

  /** Creates `{owner}/{repo}.git` (bare, default branch `main`). */
  createRepository(owner: string, repo: string) {
    const dir = this.path(owner, repo);
    mkdirSync(dir, { recursive: true });
    execFileSync('git', [
      'init',
      '--quiet',
      '--bare',
      '--initial-branch=main',
      dir,
    ]);
    return dir;
  }

  path(owner: string, repo: string) {
    return join(this.root, owner, `${repo}.git`);
  }

  /** The clone URL the REST API answers, on the stand-in at `baseUrl`. */
  cloneUrl(baseUrl: string, owner: string, repo: string) {
    return `${baseUrl}/git/${owner}/${repo}.git`;
  }

  async handle(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    record: (status: number) => void,
  ) {
    const expected = `Basic ${Buffer.from(
      `x-access-token:${this.token}`,
    ).toString('base64')}`;
    if (req.headers.authorization !== expected) {
      record(401);
      res.writeHead(401, { 'www-authenticate': 'Basic realm="GitHub"' });
      res.end();
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const child = spawn('git', ['http-backend'], {
      env: {
        ...process.env,
        GIT_PROJECT_ROOT: this.root,
        GIT_HTTP_EXPORT_ALL: '1',
        PATH_INFO: decodeURIComponent(url.pathname.slice('/git'.length)),
        QUERY_STRING: url.search.replace(/^\?/, ''),
        REQUEST_METHOD: req.method ?? 'GET',
        CONTENT_TYPE: req.headers['content-type'] ?? '',
        CONTENT_LENGTH: String(body.length),
        HTTP_CONTENT_ENCODING: String(req.headers['content-encoding'] ?? ''),
        GIT_PROTOCOL: String(req.headers['git-protocol'] ?? ''),
        // A remote user enables receive-pack (push), as on an authenticated server.
        REMOTE_USER: 'x-access-token',
        REMOTE_ADDR: '127.0.0.1',
      },
    });
    child.stdin.end(body);
    const out: Buffer[] = [];
    for await (const chunk of child.stdout) out.push(chunk as Buffer);
    const raw = Buffer.concat(out);
    const split = raw.indexOf('\r\n\r\n');
    const head = raw.subarray(0, split).toString('utf8');
    const headers: Record<string, string> = {};
    let status = 200;
    for (const line of head.split('\r\n')) {
      const [name, ...rest] = line.split(':');
      const value = rest.join(':').trim();
      if (name.toLowerCase() === 'status') status = Number(value.split(' ')[0]);
      else if (name) headers[name] = value;
    }
    record(status);
    res.writeHead(status, headers);
    res.end(raw.subarray(split + 4));
  }
}
