import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { HomePageWidgetBlueprint } from '@backstage/plugin-home-react/alpha';
import InsightsIcon from '@material-ui/icons/Assessment';
import { InsightsClient } from '@internal/plugin-insights-common';
import { insightsApiRef } from './api';
import { rootRouteRef } from './routes';

const insightsApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: insightsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new InsightsClient({ discoveryApi, fetchApi }),
    }),
});

const insightsPage = PageBlueprint.make({
  params: {
    path: '/insights',
    title: 'Insights',
    icon: <InsightsIcon />,
    noHeader: true,
    routeRef: rootRouteRef,
    loader: () =>
      import('./components/InsightsPage').then(m => <m.InsightsPage />),
  },
});

const deliveryEntityContent = EntityContentBlueprint.make({
  name: 'delivery',
  params: {
    path: 'delivery',
    title: 'Delivery',
    filter: 'kind:component',
    loader: () =>
      import('./components/EntityDeliveryContent').then(m => (
        <m.EntityDeliveryContent />
      )),
  },
});

const leadersWidget = HomePageWidgetBlueprint.make({
  name: 'delivery-metrics',
  params: {
    name: 'DeliveryMetrics',
    title: 'Delivery this quarter (DORA)',
    description: "The organisation's four DORA metrics with their bands",
    components: async () => ({
      Content: (await import('./components/LeadersWidget')).LeadersWidget,
    }),
  },
});

/** The insights frontend plugin. */
export const insightsPlugin = createFrontendPlugin({
  pluginId: 'insights',
  routes: { root: rootRouteRef },
  extensions: [insightsApi, insightsPage, deliveryEntityContent, leadersWidget],
});
