import { ConfigReader } from '@backstage/config';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { actionContext } from '../__testUtils__/context';
import { configuredSecrets, redact, withRedactedOutput } from './redact';

const githubToken = `ghp_${'a1B2c3D4e5'.repeat(4)}`;
const clusterToken = 'k8s-service-account-token-0123456789';

const config = new ConfigReader({
  integrations: {
    github: [{ host: 'github.com', token: 'plain-configured-token-42' }],
  },
  kubernetes: {
    clusterLocatorMethods: [
      {
        type: 'config',
        clusters: [
          {
            name: 'dev',
            url: 'https://k8s:6443',
            serviceAccountToken: clusterToken,
          },
        ],
      },
    ],
  },
});

describe('secrets in task logs and errors', () => {
  it('knows the configured cluster tokens and GitHub credentials', () => {
    expect(configuredSecrets(config).sort()).toEqual(
      [clusterToken, 'plain-configured-token-42'].sort(),
    );
  });

  it.each([
    [
      'a GitHub token in a git remote',
      `git push failed: fatal: unable to access 'https://x-access-token:${githubToken}@github.com/acme-retail/orders-api.git/'`,
    ],
    ['a bare GitHub token', `GitHub answered 401 for token ${githubToken}`],
    [
      'a fine-grained token',
      `token github_pat_${'11ABCDEFG0'.repeat(5)} expired`,
    ],
    ['an authorization header', `sent Authorization: Bearer ${clusterToken}`],
    [
      'a service account JWT',
      'invalid token eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzeXN0ZW0ifQ.c2lnbmF0dXJl',
    ],
    ['a configured token', `cluster said: ${clusterToken} is not valid`],
    ['a configured GitHub token', 'bad credentials plain-configured-token-42'],
  ])('redacts %s', (_, message) => {
    const redacted = redact(message, configuredSecrets(config));
    expect(redacted).toContain('[redacted]');
    for (const secret of [
      githubToken,
      clusterToken,
      'plain-configured-token-42',
      'github_pat_',
      'eyJhbGciOiJSUzI1NiJ9.eyJ',
    ]) {
      expect(redacted).not.toContain(secret);
    }
  });

  it('leaves ordinary messages alone', () => {
    const message =
      'Cluster "dev" refused to apply Namespace orders-api-dev (HTTP 403: token expired)';
    expect(redact(message, configuredSecrets(config))).toBe(message);
  });

  it('redacts what an action logs and the error that fails it', async () => {
    const leaky = createTemplateAction({
      id: 'test:leaky',
      schema: { input: {} },
      async handler(ctx) {
        ctx.logger.info(`pushing with ${githubToken}`);
        throw new Error(
          `git push https://portal:${clusterToken}@github.com failed`,
        );
      },
    });
    const ctx = actionContext({ input: {} });
    const error = await withRedactedOutput(leaky, configuredSecrets(config))
      .handler(ctx)
      .then(
        () => undefined,
        e => e as Error,
      );
    expect(error?.message).toBe(
      'git push https://[redacted]@github.com failed',
    );
    expect(error?.stack).not.toContain(clusterToken);
    expect(ctx.logger.info).toHaveBeenCalledWith('pushing with [redacted]');
  });
});
