import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { HomePageWidgetBlueprint } from '@backstage/plugin-home-react/alpha';
import ReadinessIcon from '@material-ui/icons/TrafficOutlined';
import { ReadinessClient } from '@internal/plugin-readiness-common';
import { readinessApiRef } from './api';
import { rootRouteRef } from './routes';

const readinessApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: readinessApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new ReadinessClient(deps),
    }),
});

const readinessPage = PageBlueprint.make({
  params: {
    path: '/readiness',
    title: 'Readiness',
    icon: <ReadinessIcon fontSize="inherit" />,
    noHeader: true,
    routeRef: rootRouteRef,
    loader: () =>
      import('./components/ReadinessPage').then(m => <m.ReadinessPage />),
  },
});

const leadersWidget = HomePageWidgetBlueprint.make({
  name: 'readiness-verdicts',
  params: {
    name: 'ReadinessVerdicts',
    title: 'Platform readiness by team',
    description:
      'The latest readiness verdict of every team, and which are due again',
    components: async () => ({
      Content: (await import('./components/LeadersWidget')).LeadersWidget,
    }),
  },
});

/** The readiness and maturity assessment frontend plugin. */
export const readinessPlugin = createFrontendPlugin({
  pluginId: 'readiness',
  extensions: [readinessApi, readinessPage, leadersWidget],
});
