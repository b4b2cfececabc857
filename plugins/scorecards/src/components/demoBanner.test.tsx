import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import {
  DEMO_MODES,
  demoBanners,
  loadingApi,
} from '@internal/plugin-portal-react/testUtils';
import { EntityScorecard } from '@internal/plugin-scorecards-common';
import { ScorecardsApi, scorecardsApiRef } from '../api';
import { EntityScorecardContent } from './EntityScorecardContent';
import { GroupScorecardContent } from './GroupScorecardContent';
import { ScorecardsPage } from './ScorecardsPage';

const component = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout-service', namespace: 'default' },
  spec: { type: 'service', lifecycle: 'production', owner: 'payments-team' },
};
const team = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'payments-team', namespace: 'default' },
  spec: { type: 'team', children: [] },
};
const scorecard: EntityScorecard = {
  entityRef: 'component:default/checkout-service',
  title: 'Checkout',
  ownerRef: 'group:default/payments-team',
  levels: ['bronze', 'silver', 'gold'],
  level: 'gold',
  nextLevel: null,
  blocking: [],
  results: [],
  history: [],
};

describe.each(DEMO_MODES)('the scorecards $mode', ({ config }) => {
  const demo = 'portal' in config;

  it('Scorecards page', async () => {
    await renderInTestApp(<ScorecardsPage />, {
      config,
      apis: [[scorecardsApiRef, loadingApi<ScorecardsApi>()]],
    });
    await screen.findByText('Scorecards');
    expect(await demoBanners(demo)).toHaveLength(demo ? 1 : 0);
  });

  it("a service's Scorecard tab", async () => {
    await renderInTestApp(
      <EntityProvider entity={component}>
        <EntityScorecardContent />
      </EntityProvider>,
      {
        config,
        apis: [
          [
            scorecardsApiRef,
            {
              getEntityScorecard: jest.fn(async () => scorecard),
            } as unknown as ScorecardsApi,
          ],
        ],
      },
    );
    await screen.findByText('No check applies to this entity.');
    expect(await demoBanners(demo)).toHaveLength(demo ? 1 : 0);
  });

  it("a team's Scorecards tab", async () => {
    await renderInTestApp(
      <EntityProvider entity={team}>
        <GroupScorecardContent />
      </EntityProvider>,
      { config, apis: [[scorecardsApiRef, loadingApi<ScorecardsApi>()]] },
    );
    expect(await demoBanners(demo)).toHaveLength(demo ? 1 : 0);
  });
});
