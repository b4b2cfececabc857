import { screen } from '@testing-library/react';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  DEMO_MODES,
  demoBanners,
  loadingApi,
} from '@internal/plugin-portal-react/testUtils';
import { DeploymentsApi, deploymentsApiRef } from '../api';
import { DeploymentsContent } from './DeploymentsContent';

const service = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout', namespace: 'default' },
  spec: { type: 'service', lifecycle: 'production', owner: 'payments-team' },
};

describe.each(DEMO_MODES)('the Deployments tab $mode', ({ config }) => {
  it('says whether its environments and runs are the demo organisation’s', async () => {
    await renderInTestApp(
      <EntityProvider entity={service}>
        <DeploymentsContent />
      </EntityProvider>,
      {
        config,
        apis: [
          [deploymentsApiRef, loadingApi<DeploymentsApi>()],
          [permissionApiRef, mockApis.permission()],
        ],
      },
    );
    await screen.findByText('Environments');
    const demo = 'portal' in config;
    expect(await demoBanners(demo)).toHaveLength(demo ? 1 : 0);
  });
});
