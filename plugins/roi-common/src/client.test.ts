import { ResponseError } from '@backstage/errors';
import { RoiClient } from './client';

function clientWith(answer: (url: string, init?: RequestInit) => Response) {
  const calls: Array<{ url: string; init?: RequestInit }> = [];
  const client = new RoiClient({
    discoveryApi: { getBaseUrl: async id => `http://backend/api/${id}` },
    fetchApi: {
      fetch: (async (url: string, init?: RequestInit) => {
        calls.push({ url, init });
        return answer(url, init);
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

describe('RoiClient', () => {
  it('calls the operations of the contract, encoding path and query values', async () => {
    const { client, calls } = clientWith(() => json({ items: [] }));
    await client.listScenarios({ limit: 5 });
    await client.listScenarios();
    await client.listScenarioPage({ limit: 20, cursor: 'WyJuIl0_-x' });
    await client.listVersions('a/b?c');
    expect(calls.map(c => [c.init?.method, c.url])).toEqual([
      ['GET', 'http://backend/api/roi/scenarios?limit=5'],
      ['GET', 'http://backend/api/roi/scenarios'],
      ['GET', 'http://backend/api/roi/scenarios?limit=20&cursor=WyJuIl0_-x'],
      ['GET', 'http://backend/api/roi/scenarios/a%2Fb%3Fc/versions'],
    ]);
  });

  it('sends JSON bodies with their content type', async () => {
    const { client, calls } = clientWith(() => json({ id: 'x' }, 201));
    await client.createScenario({ name: 'Case', inputs: {} as any });
    expect(calls[0].init).toMatchObject({
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'Case', inputs: {} }),
    });
  });

  it('throws the backend refusal as a ResponseError', async () => {
    const { client } = clientWith(() =>
      json(
        {
          error: { name: 'InputError', message: 'devCosts: must be >= 0' },
          request: { method: 'POST', url: '/api/roi/calculate' },
          response: { statusCode: 400 },
        },
        400,
      ),
    );
    const error = await client.calculate({}).catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(400);
    expect(error.body.error.message).toBe('devCosts: must be >= 0');
  });

  it('reads the file name of the CSV export and deletes without a body', async () => {
    const { client, calls } = clientWith((_url, init) =>
      init?.method === 'DELETE'
        ? new Response(null, { status: 204 })
        : new Response('a,b\n', {
            headers: {
              'Content-Type': 'text/csv',
              'Content-Disposition': 'attachment; filename="case.csv"',
            },
          }),
    );
    const file = await client.exportCsv('id-1');
    expect(file.filename).toBe('case.csv');
    expect(await file.blob.text()).toBe('a,b\n');
    await expect(client.deleteScenario('id-1')).resolves.toBeUndefined();
    expect(calls[1].init?.body).toBeUndefined();
  });
});
