import { ResponseError } from '@backstage/errors';
import { GoldenPathUpgradesClient } from './client';

function clientWith(answer: () => Response) {
  const calls: Array<{ url: string; init?: RequestInit }> = [];
  const client = new GoldenPathUpgradesClient({
    discoveryApi: { getBaseUrl: async id => `http://backend/api/${id}` },
    fetchApi: {
      fetch: (async (url: string, init?: RequestInit) => {
        calls.push({ url, init });
        return answer();
      }) as typeof fetch,
    },
  });
  return { client, calls };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });

describe('GoldenPathUpgradesClient', () => {
  it('reads the templates and one status, encoding the entity ref', async () => {
    const { client, calls } = clientWith(() =>
      json({ templates: [{ template: 'typescript-service' }] }),
    );
    expect(await client.getTemplates()).toEqual([
      { template: 'typescript-service' },
    ]);
    await client.getEntityStatus('component:default/checkout');
    expect(calls.map(c => [c.init?.method, c.url])).toEqual([
      ['GET', 'http://backend/api/golden-path-upgrades/templates'],
      [
        'GET',
        'http://backend/api/golden-path-upgrades/status?entityRef=component%3Adefault%2Fcheckout',
      ],
    ]);
  });

  it('asks for an upgrade with the entity ref as JSON', async () => {
    const { client, calls } = clientWith(() => json({ state: 'up-to-date' }));
    expect(await client.prepareUpgrade('checkout')).toEqual({
      state: 'up-to-date',
    });
    expect(calls[0].url).toBe(
      'http://backend/api/golden-path-upgrades/upgrades',
    );
    expect(calls[0].init).toMatchObject({
      method: 'POST',
      body: JSON.stringify({ entityRef: 'checkout' }),
    });
  });

  it('throws the backend refusal as a ResponseError', async () => {
    const { client } = clientWith(() =>
      json(
        {
          error: {
            name: 'NotAllowedError',
            message: 'only the owners may prepare',
          },
          response: { statusCode: 403 },
        },
        403,
      ),
    );
    const error = await client.prepareUpgrade('checkout').catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(403);
    expect(error.body.error.message).toBe('only the owners may prepare');
  });
});
