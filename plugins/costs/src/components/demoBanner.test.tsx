import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import {
  DEMO_MODES,
  demoBanners,
  loadingApi,
} from '@internal/plugin-portal-react/testUtils';
import { CostsApi, costsApiRef } from '../api';
import { CostsPage } from './CostsPage';
import { EntityCostsContent } from './EntityCostsContent';
import { GroupCostsContent } from './GroupCostsContent';

const service = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout', namespace: 'default' },
  spec: { type: 'service', lifecycle: 'production', owner: 'payments-team' },
};
const team = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'payments-team', namespace: 'default' },
  spec: { type: 'team', children: [] },
};

describe.each(DEMO_MODES)('the costs $mode', ({ config }) => {
  const demo = 'portal' in config;
  const apis = [[costsApiRef, loadingApi<CostsApi>()]] as const;

  it('Costs page', async () => {
    await renderInTestApp(<CostsPage />, { config, apis });
    await screen.findByText('Costs');
    expect(await demoBanners(demo)).toHaveLength(demo ? 1 : 0);
  });

  it.each([
    ["a service's Costs tab", service, <EntityCostsContent />],
    ["a team's Costs tab", team, <GroupCostsContent />],
  ])('%s', async (_name, entity, content) => {
    await renderInTestApp(
      <EntityProvider entity={entity}>{content}</EntityProvider>,
      { config, apis },
    );
    await screen.findByRole('button', { name: 'Last 90 days' });
    expect(await demoBanners(demo)).toHaveLength(demo ? 1 : 0);
  });
});
