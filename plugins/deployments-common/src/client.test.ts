import { ResponseError } from '@backstage/errors';
import { DeploymentsClient } from './client';

function clientWith(answer: () => Response) {
  const calls: Array<{ url: string; init?: RequestInit }> = [];
  const client = new DeploymentsClient({
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

describe('DeploymentsClient', () => {
  it('calls the operations of the contract, encoding path and query values', async () => {
    const { client, calls } = clientWith(() => json({ items: [] }));
    await client.listActions('component:default/checkout', { limit: 5 });
    await client.listRuns('checkout');
    await client.getAction('a/b');
    expect(calls.map(c => [c.init?.method, c.url])).toEqual([
      [
        'GET',
        'http://backend/api/deployments/actions?entityRef=component%3Adefault%2Fcheckout&limit=5',
      ],
      ['GET', 'http://backend/api/deployments/runs?entityRef=checkout'],
      ['GET', 'http://backend/api/deployments/actions/a%2Fb'],
    ]);
  });

  it('sends a dispatch as JSON', async () => {
    const { client, calls } = clientWith(() => json({ id: 'x' }, 201));
    const request = {
      entityRef: 'checkout',
      action: 'deploy' as const,
      environment: 'staging',
      ref: 'v1.2.0',
    };
    await client.dispatch(request);
    expect(calls[0].init).toMatchObject({
      method: 'POST',
      body: JSON.stringify(request),
    });
  });

  it('throws the backend refusal as a ResponseError', async () => {
    const { client } = clientWith(() =>
      json(
        {
          error: { name: 'ConflictError', message: 'workflow: missing' },
          response: { statusCode: 409 },
        },
        409,
      ),
    );
    const error = await client.getEnvironments('checkout').catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(409);
    expect(error.body.error.message).toBe('workflow: missing');
  });
});
