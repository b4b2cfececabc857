import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { webhookHeaders } from '@internal/github-stand-in';
import {
  createGithubWebhookValidator,
  githubFormBodyParser,
  githubJsonBodyParser,
  InsightsDeliverySink,
  readGithubWebhookSecrets,
} from './githubWebhookModule';

/** The validation context of the events backend's ingress: remembers a rejection. */
function context() {
  const ctx = {
    rejected: undefined as undefined | { status?: number; payload?: any },
    reject(details?: { status?: number; payload?: any }) {
      ctx.rejected = details ?? {};
    },
  };
  return ctx;
}

function signed(event: string, body: string, secret: string, id = 'd-1') {
  return {
    body: JSON.parse(body),
    headers: webhookHeaders(event, body, secret, id),
    raw: { body: Buffer.from(body), encoding: 'utf-8' as const },
  };
}

describe('the GitHub webhook validator', () => {
  const body = JSON.stringify({ action: 'created', repository: {} });

  it('takes the organisation secret and every GitHub App webhook secret', async () => {
    const secrets = readGithubWebhookSecrets(
      new ConfigReader({
        events: { modules: { github: { webhookSecret: 'org-secret' } } },
        integrations: {
          github: [
            {
              host: 'github.com',
              apps: [
                {
                  appId: 1,
                  webhookSecret: 'app-secret',
                  privateKey: 'k',
                  clientId: 'c',
                  clientSecret: 's',
                },
              ],
            },
          ],
        },
      }),
    );
    expect(secrets).toEqual(['org-secret', 'app-secret']);
    const validator = createGithubWebhookValidator({
      secrets,
      insights: jest.fn(),
      logger: mockServices.logger.mock(),
    });
    for (const secret of ['org-secret', 'app-secret']) {
      const ctx = context();
      await validator(signed('star', body, secret), ctx);
      expect(ctx.rejected).toBeUndefined();
    }
    const ctx = context();
    await validator(signed('star', body, 'a third secret'), ctx);
    expect(ctx.rejected?.status).toBe(403);
  });

  it("hands insights' event types to insights and answers GitHub with its refusal", async () => {
    const insights: jest.MockedFunction<InsightsDeliverySink> = jest.fn();
    const validator = createGithubWebhookValidator({
      secrets: ['s'],
      insights,
      logger: mockServices.logger.mock(),
    });
    const full = {
      status: 503,
      payload: { error: { name: 'ServiceUnavailableError', message: 'full' } },
    };
    insights.mockResolvedValueOnce(full);
    const ctx = context();
    await validator(signed('push', body, 's', 'p-1'), ctx);
    expect(insights).toHaveBeenCalledWith({
      eventType: 'push',
      deliveryId: 'p-1',
      raw: Buffer.from(body),
    });
    expect(ctx.rejected).toEqual(full);

    // A refused service token is the portal's fault, not GitHub's: retry later.
    insights.mockResolvedValueOnce({ status: 401, payload: {} });
    const refusedToken = context();
    await validator(signed('push', body, 's', 'p-2'), refusedToken);
    expect(refusedToken.rejected?.status).toBe(503);

    insights.mockResolvedValueOnce({ status: 202, payload: {} });
    const stored = context();
    await validator(signed('push', body, 's', 'p-3'), stored);
    expect(stored.rejected).toBeUndefined();

    insights.mockClear();
    await validator(signed('star', body, 's', 's-1'), context());
    expect(insights).not.toHaveBeenCalled();
  });
});

describe('the JSON body parser of the events ingress', () => {
  const parse = (body: string, topic: string) =>
    githubJsonBodyParser(
      { body: Buffer.from(body) } as any,
      { type: 'application/json', parameters: {} },
      topic,
    );

  it('leaves a malformed GitHub body to the validator, after the signature', async () => {
    await expect(parse('{"a": ', 'github')).resolves.toMatchObject({
      bodyParsed: undefined,
    });
    await expect(parse('{"a": 1}', 'github')).resolves.toMatchObject({
      bodyParsed: { a: 1 },
    });
  });

  it('answers 400 for malformed JSON on other topics', async () => {
    await expect(parse('{"a": ', 'other')).rejects.toMatchObject({
      name: 'InputError',
    });
  });
});

describe('the form body parser of the events ingress', () => {
  const parse = (body: string, topic: string) =>
    githubFormBodyParser(
      { body: Buffer.from(body) } as any,
      { type: 'application/x-www-form-urlencoded', parameters: {} },
      topic,
    );

  it("reads GitHub's payload field, and leaves a malformed one to the validator", async () => {
    const form = `payload=${encodeURIComponent('{"zen":"a b"}')}`;
    await expect(parse(form, 'github')).resolves.toMatchObject({
      bodyParsed: { zen: 'a b' },
      bodyBuffer: Buffer.from(form),
    });
    await expect(parse('payload=%7B', 'github')).resolves.toMatchObject({
      bodyParsed: undefined,
    });
    await expect(parse('other=1', 'github')).resolves.toMatchObject({
      bodyParsed: undefined,
    });
  });

  it('keeps 415 for other topics', async () => {
    await expect(parse('payload=%7B%7D', 'other')).rejects.toMatchObject({
      statusCode: 415,
    });
  });
});
