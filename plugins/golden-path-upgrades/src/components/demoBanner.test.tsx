import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  DEMO_MODES,
  demoBanners,
  loadingApi,
} from '@internal/plugin-portal-react/testUtils';
import { GoldenPathUpgradesApi, goldenPathUpgradesApiRef } from '../api';
import { GoldenPathsPage } from './GoldenPathsPage';

describe.each(DEMO_MODES)('the Golden paths page $mode', ({ config }) => {
  it('says whether its services are the demo organisation’s', async () => {
    await renderInTestApp(<GoldenPathsPage />, {
      config,
      apis: [[goldenPathUpgradesApiRef, loadingApi<GoldenPathUpgradesApi>()]],
    });
    await screen.findByText(/Every golden path's versions/);
    const demo = 'portal' in config;
    expect(await demoBanners(demo)).toHaveLength(demo ? 1 : 0);
  });
});
