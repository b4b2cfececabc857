import {
  createPublicKey,
  generateKeyPairSync,
  KeyObject,
  randomBytes,
  verify,
} from 'node:crypto';
import { IncomingMessage } from 'node:http';
import { GithubStandIn } from './GithubStandIn';
import { githubExample } from './openapi';

/** A GitHub App as the stand-in knows it: its id, its private key and where it is installed. */
export type StandInApp = {
  appId: number;
  /** PEM (PKCS#1), as GitHub hands it out; goes into `integrations.github[].apps[].privateKey`. */
  privateKey: string;
  /** Installation tokens issued so far: token → owner login of the installation. */
  issuedTokens: Map<string, string>;
};

const UNAUTHORIZED = {
  status: 401,
  body: {
    message: 'A JSON web token could not be decoded',
    documentation_url: 'https://docs.github.com/rest',
  },
};

/** Whether the request carries a JWT of the app, signed with its key and not expired. */
function isAppJwt(req: IncomingMessage, appId: number, key: KeyObject) {
  const match = /^bearer ([\w-]+)\.([\w-]+)\.([\w-]+)$/i.exec(
    String(req.headers.authorization ?? ''),
  );
  if (!match) return false;
  const [, header, payload, signature] = match;
  const signed = verify(
    'RSA-SHA256',
    Buffer.from(`${header}.${payload}`),
    key,
    Buffer.from(signature, 'base64url'),
  );
  if (!signed) return false;
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
  return String(claims.iss) === String(appId) && claims.exp > Date.now() / 1000;
}

/**
 * Serves a GitHub App installed on the given owners: `GET /app/installations` and
 * `POST /app/installations/{installation_id}/access_tokens`, both answering only a JWT signed
 * with the app's private key, as GitHub does. Installation ids are 1000 + the owner's index.
 */
export function serveApp(
  standIn: GithubStandIn,
  options: { appId?: number; installedOn: string[] },
): StandInApp {
  const appId = options.appId ?? 4242;
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const publicKey = createPublicKey(privateKey);
  const app: StandInApp = {
    appId,
    privateKey: privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
    issuedTokens: new Map(),
  };
  const installations = options.installedOn.map((login, index) => {
    const installation = githubExample('base-installation');
    installation.id = 1000 + index;
    installation.app_id = appId;
    // The dereferenced description of this path says `allOf` [simple user, enterprise] where
    // the component says `anyOf`: an organisation account that also has the enterprise's
    // required fields satisfies both readings.
    installation.account = {
      ...installation.account,
      login,
      name: login,
      slug: login,
      created_at: '2024-01-01T00:00:00Z',
      updated_at: '2024-01-01T00:00:00Z',
      type: 'Organization',
    };
    installation.target_type = 'Organization';
    installation.repository_selection = 'all';
    installation.suspended_by = null;
    installation.suspended_at = null;
    return installation;
  });

  standIn.route('/app/installations', (_match, _url, req) =>
    isAppJwt(req, appId, publicKey) ? installations : UNAUTHORIZED,
  );
  standIn.write(
    'post',
    '/app/installations/{installation_id}/access_tokens',
    ([, id], _url, req) => {
      if (!isAppJwt(req, appId, publicKey)) return UNAUTHORIZED;
      const installation = installations.find(i => String(i.id) === id);
      if (!installation) {
        return {
          status: 404,
          body: {
            message: 'Not Found',
            documentation_url: 'https://docs.github.com/rest',
          },
        };
      }
      const token = `ghs_${randomBytes(18).toString('hex')}`;
      app.issuedTokens.set(token, installation.account.login);
      return {
        status: 201,
        body: {
          token,
          expires_at: new Date(Date.now() + 3600_000).toISOString(),
          permissions: { contents: 'read', metadata: 'read' },
          repository_selection: 'all',
        },
      };
    },
  );
  return app;
}
