import { ResponseError } from '@backstage/errors';
import { InsightsClient } from './client';

function clientWith(answer: (url: string, init?: RequestInit) => Response) {
  const calls: Array<{ url: string; init?: RequestInit }> = [];
  const client = new InsightsClient({
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

describe('InsightsClient', () => {
  it('asks a scope in one order whatever order it is given in, leaving out what is not set', async () => {
    const { client, calls } = clientWith(() => json({}));
    await client.getDora({
      to: '2025-02-01',
      from: '2025-01-01',
      entityRef: 'component:default/a b',
    });
    await client.getAdoption({
      from: '2025-01-01',
      to: '2025-02-01',
      group: '',
    });
    await client.getSurveyResults('2025-Q1', 'group:default/team');
    await client.getMySurveyAnswer();
    expect(calls.map(c => [c.init?.method, c.url])).toEqual([
      [
        'GET',
        'http://backend/api/insights/dora?entityRef=component%3Adefault%2Fa+b&from=2025-01-01&to=2025-02-01',
      ],
      [
        'GET',
        'http://backend/api/insights/adoption?from=2025-01-01&to=2025-02-01',
      ],
      [
        'GET',
        'http://backend/api/insights/survey/results?quarter=2025-Q1&group=group%3Adefault%2Fteam',
      ],
      ['GET', 'http://backend/api/insights/survey/mine'],
    ]);
  });

  it('calls with the token a backend gives, and posts an answer as JSON', async () => {
    const { client, calls } = clientWith(() =>
      json({ quarter: '2025-Q1', nps: 9, satisfaction: 4, answeredAt: 'x' }),
    );
    await client.getDora(
      { from: '2025-01-01', to: '2025-02-01' },
      { token: 'plugin-token' },
    );
    const stored = await client.answerSurvey({ nps: 9, satisfaction: 4 });
    expect(calls[0].init?.headers).toEqual({
      Authorization: 'Bearer plugin-token',
    });
    expect(calls[1].init).toMatchObject({
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ nps: 9, satisfaction: 4 }),
    });
    expect(stored.quarter).toBe('2025-Q1');
  });

  it('throws the backend refusal as a ResponseError', async () => {
    const { client } = clientWith(() =>
      json(
        {
          error: {
            name: 'NotAllowedError',
            message: 'not allowed: insights.read',
          },
          request: { method: 'GET', url: '/api/insights/definitions' },
          response: { statusCode: 403 },
        },
        403,
      ),
    );
    const error = await client.getDefinitions().catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(403);
    expect(error.body.error.message).toBe('not allowed: insights.read');
  });

  it('asks for the cohorts of a scope and puts and clears a team adoption date', async () => {
    const { client, calls } = clientWith(() =>
      json({ team: 'group:default/a', adoptedAt: null }),
    );
    await client.getCohorts(
      { to: '2025-07-01', from: '2025-01-01', group: 'group:default/a' },
      { token: 't' },
    );
    await client.setTeamAdoptionDate('group:default/a', '2025-03-01');
    await client.clearTeamAdoptionDate('group:default/a');
    expect(calls.map(c => [c.init?.method, c.url, c.init?.body])).toEqual([
      [
        'GET',
        'http://backend/api/insights/cohorts?group=group%3Adefault%2Fa&from=2025-01-01&to=2025-07-01',
        undefined,
      ],
      [
        'PUT',
        'http://backend/api/insights/cohorts/adoption-date',
        JSON.stringify({ team: 'group:default/a', adoptedAt: '2025-03-01' }),
      ],
      [
        'DELETE',
        'http://backend/api/insights/cohorts/adoption-date?team=group%3Adefault%2Fa',
        undefined,
      ],
    ]);
    expect(
      (calls[0].init?.headers as Record<string, string>)?.Authorization,
    ).toBe('Bearer t');
  });
});
