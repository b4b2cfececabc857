import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import {
  DEMO_MODES,
  demoBanners,
  loadingApi,
} from '@internal/plugin-portal-react/testUtils';
import { ReadinessApi, readinessApiRef } from '../api';
import { ReadinessPage } from './ReadinessPage';

describe.each(DEMO_MODES)('the readiness page $mode', ({ config }) => {
  it('says whether the figures it proposes are the demo organisation’s', async () => {
    await renderInTestApp(<ReadinessPage />, {
      config,
      apis: [
        [readinessApiRef, loadingApi<ReadinessApi>()],
        [catalogApiRef, catalogApiMock()],
      ],
    });
    await screen.findByText('Platform readiness');
    const demo = 'portal' in config;
    expect(await demoBanners(demo)).toHaveLength(demo ? 1 : 0);
  });
});
