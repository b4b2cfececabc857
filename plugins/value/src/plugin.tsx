import {
  ApiBlueprint,
  createFrontendPlugin,
  createRouteRef,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import ValueIcon from '@material-ui/icons/TrendingUp';
import { ValuePageClient, valueApiRef } from './api';

const valueApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: valueApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new ValuePageClient({ discoveryApi, fetchApi }),
    }),
});

const valueRouteRef = createRouteRef();

const valuePage = PageBlueprint.make({
  params: {
    path: '/value',
    routeRef: valueRouteRef,
    title: 'Value delivered',
    icon: <ValueIcon fontSize="inherit" />,
    loader: () => import('./components/ValuePage').then(m => <m.ValuePage />),
  },
});

/** Value delivered: the business case held against what the platform delivered. */
export const valuePlugin = createFrontendPlugin({
  pluginId: 'value',
  routes: { value: valueRouteRef },
  extensions: [valueApi, valuePage],
});
