import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { HomePageWidgetBlueprint } from '@backstage/plugin-home-react/alpha';
import TrendingUpIcon from '@material-ui/icons/TrendingUp';
import { RoiClient } from '@internal/plugin-roi-common';
import { roiApiRef } from './api';
import { rootRouteRef } from './routes';

const roiApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: roiApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new RoiClient(deps),
    }),
});

const roiPage = PageBlueprint.make({
  params: {
    path: '/roi',
    title: 'ROI calculator',
    icon: <TrendingUpIcon />,
    noHeader: true,
    routeRef: rootRouteRef,
    loader: () => import('./components/RoiPage').then(m => <m.RoiPage />),
  },
});

/** For leaders on the home page: the latest saved business case. */
const businessCaseWidget = HomePageWidgetBlueprint.make({
  name: 'business-case',
  params: {
    name: 'BusinessCase',
    title: 'Business case',
    description:
      "The latest saved ROI scenario: the platform's ROI and payback",
    components: async () => ({
      Content: (await import('./components/BusinessCaseCard')).BusinessCaseCard,
    }),
  },
});

/** The ROI calculator: the business case for platform engineering. */
export const roiPlugin = createFrontendPlugin({
  pluginId: 'roi',
  extensions: [roiApi, roiPage, businessCaseWidget],
});
