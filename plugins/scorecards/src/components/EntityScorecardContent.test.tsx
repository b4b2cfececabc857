import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import {
  expectErrorPanel,
  expectForbiddenPanel,
  failing,
  refusing,
} from '@internal/plugin-portal-react/testUtils';
import { EntityScorecard } from '@internal/plugin-scorecards-common';
import { ScorecardsApi, scorecardsApiRef } from '../api';
import { EntityScorecardContent } from './EntityScorecardContent';

const entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout-service', namespace: 'default' },
  spec: { type: 'service', lifecycle: 'production', owner: 'payments-team' },
};

const check = (
  id: string,
  title: string,
  level: string,
  requirement: string,
) => ({
  id,
  title,
  why: `Why ${title}.`,
  docs: `/docs/default/component/developer-portal/scorecards/#${id}`,
  level,
  fact: 'f',
  requirement,
});

const scorecard: EntityScorecard = {
  entityRef: 'component:default/checkout-service',
  title: 'Checkout',
  ownerRef: 'group:default/payments-team',
  levels: ['bronze', 'silver', 'gold'],
  level: 'silver',
  nextLevel: 'gold',
  blocking: ['lead-time-under-a-day'],
  results: [
    {
      check: check('owned-by-a-team', 'Owned by a team', 'bronze', 'needs yes'),
      status: 'pass',
      value: true,
      message: 'owner is a team in the catalog: yes',
      collectedAt: '2026-06-01T10:00:00.000Z',
      waiver: null,
    },
    {
      check: check(
        'lead-time-under-a-day',
        'Lead time for changes under a day',
        'gold',
        'needs ≤ 24 h',
      ),
      status: 'fail',
      value: 31,
      message: 'lead time 31 h, needs ≤ 24 h',
      collectedAt: '2026-06-01T10:00:00.000Z',
      waiver: null,
    },
  ],
  history: [
    { day: '2026-05-01', level: 'bronze' },
    { day: '2026-05-20', level: 'silver' },
  ],
};

async function render(overrides: Partial<ScorecardsApi> = {}) {
  const api = {
    getEntityScorecard: jest.fn(async () => scorecard),
    requestWaiver: jest.fn(async () => ({} as any)),
    ...overrides,
  };
  await renderInTestApp(
    <EntityProvider entity={entity}>
      <EntityScorecardContent />
    </EntityProvider>,
    { apis: [[scorecardsApiRef, api as unknown as ScorecardsApi]] },
  );
  return api;
}

describe('EntityScorecardContent', () => {
  it('shows progress while the scorecard loads', async () => {
    await render({ getEntityScorecard: () => new Promise(() => {}) });
    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
  });

  it('shows the level, what the next level needs, and each check with its figure and why', async () => {
    const api = await render();
    expect(await screen.findByLabelText('Level: Silver')).toBeInTheDocument();
    expect(api.getEntityScorecard).toHaveBeenCalledWith(
      'component:default/checkout-service',
    );
    expect(
      screen.getByText('Gold needs: Lead time for changes under a day'),
    ).toBeInTheDocument();
    const leadTime = screen.getByRole('listitem', {
      name: 'Lead time for changes under a day',
    });
    expect(leadTime).toHaveTextContent('Fails');
    expect(leadTime).toHaveTextContent(
      'lead time 31 h, needs ≤ 24 h · collected 2026-06-01 10:00 UTC',
    );
    expect(leadTime).toHaveTextContent(
      'Why Lead time for changes under a day.',
    );
    expect(
      screen.getAllByRole('link', { name: 'How to fix it' })[1],
    ).toHaveAttribute(
      'href',
      '/docs/default/component/developer-portal/scorecards/#lead-time-under-a-day',
    );
    expect(
      screen.getByText(
        'Since 2026-05-01: Bronze (2026-05-01) → Silver (2026-05-20)',
      ),
    ).toBeInTheDocument();
    // only a failing check offers a waiver
    expect(
      screen.getAllByRole('button', { name: 'Request a waiver' }),
    ).toHaveLength(1);
  });

  it('requests a waiver for a failing check with a reason and an expiry', async () => {
    const api = await render();
    await userEvent.click(
      await screen.findByRole('button', { name: 'Request a waiver' }),
    );
    const next = new Date(Date.now() + 30 * 86400_000)
      .toISOString()
      .slice(0, 10);
    await userEvent.type(
      screen.getByRole('textbox', { name: 'Reason' }),
      'Pipeline rework this quarter',
    );
    await userEvent.type(
      screen.getByRole('textbox', { name: 'Expires on' }),
      next,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Request' }));
    await waitFor(() =>
      expect(api.requestWaiver).toHaveBeenCalledWith({
        entityRef: 'component:default/checkout-service',
        checkId: 'lead-time-under-a-day',
        reason: 'Pipeline rework this quarter',
        expiresAt: `${next}T00:00:00.000Z`,
      }),
    );
    expect(
      await screen.findByText(/requested; a platform admin decides it/),
    ).toBeInTheDocument();
  });

  it('refuses an expiry in the past before sending', async () => {
    const api = await render();
    await userEvent.click(
      await screen.findByRole('button', { name: 'Request a waiver' }),
    );
    await userEvent.type(screen.getByRole('textbox', { name: 'Reason' }), 'x');
    await userEvent.type(
      screen.getByRole('textbox', { name: 'Expires on' }),
      '2020-01-01',
    );
    expect(
      screen.getByText('The expiry must be in the future.'),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Request' })).toBeDisabled();
    expect(api.requestWaiver).not.toHaveBeenCalled();
  });

  it('shows why the scorecard could not be loaded', async () => {
    await render({ getEntityScorecard: failing('database away') });
    await expectErrorPanel('database away', 'Could not load the scorecard');
  });

  it('says so when the caller may not read scorecards', async () => {
    await render({
      getEntityScorecard: refusing('Not allowed: scorecards.read'),
    });
    await expectForbiddenPanel('Not allowed: scorecards.read');
  });
});
