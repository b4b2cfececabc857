import { screen } from '@testing-library/react';
import {
  createExtensionTester,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import {
  KubernetesApi,
  kubernetesApiRef,
  kubernetesAuthProvidersApiRef,
} from '@backstage/plugin-kubernetes';
import {
  DEMO_MODES,
  demoBanners,
  loadingApi,
} from '@internal/plugin-portal-react/testUtils';
import { PersonaHomeLayout } from './home/PersonaHomeLayout';
import { kubernetesContent } from './kubernetes';

const service = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'checkout-service',
    namespace: 'default',
    annotations: { 'backstage.io/kubernetes-id': 'checkout-service' },
  },
  spec: { type: 'service', lifecycle: 'production', owner: 'payments-team' },
};

describe.each(DEMO_MODES)('the app $mode', ({ config }) => {
  const demo = 'portal' in config;

  it("the home page, whose platform numbers are the organisation's", async () => {
    await renderInTestApp(<PersonaHomeLayout widgets={[]} />, { config });
    await screen.findByText('Create services, find what exists', {
      exact: false,
    });
    expect(await demoBanners(demo)).toHaveLength(demo ? 1 : 0);
  });

  it("a service's Kubernetes tab (Backstage's, with the banner above it)", async () => {
    const tab = createExtensionTester(kubernetesContent).reactElement();
    await renderInTestApp(
      <EntityProvider entity={service}>{tab}</EntityProvider>,
      {
        // The tab's clients read the backend's URL.
        config: { ...config, backend: { baseUrl: 'http://localhost:7007' } },
        apis: [
          [
            kubernetesApiRef,
            {
              getClusters: async () => [],
              getObjectsByEntity: async () => ({ items: [] }),
            } as unknown as KubernetesApi,
          ],
          [kubernetesAuthProvidersApiRef, loadingApi()],
        ],
      },
    );
    // Backstage's own tab is there: no cluster runs anything of this service.
    await screen.findByText('Your Clusters', {}, { timeout: 20_000 });
    expect(await demoBanners(demo)).toHaveLength(demo ? 1 : 0);
  });
});
