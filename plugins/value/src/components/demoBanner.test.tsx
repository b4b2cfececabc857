import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import {
  DEMO_MODES,
  demoBanners,
  loadingApi,
} from '@internal/plugin-portal-react/testUtils';
import { ValuePageApi, valueApiRef } from '../api';
import { ValuePage } from './ValuePage';

describe.each(DEMO_MODES)('Value delivered $mode', ({ config }) => {
  it('says whether its measured figures are the demo organisation’s', async () => {
    await renderInTestApp(<ValuePage />, {
      config,
      apis: [
        [valueApiRef, loadingApi<ValuePageApi>()],
        [catalogApiRef, catalogApiMock()],
      ],
    });
    await screen.findByText('Value delivered');
    const demo = 'portal' in config;
    expect(await demoBanners(demo)).toHaveLength(demo ? 1 : 0);
  });
});
