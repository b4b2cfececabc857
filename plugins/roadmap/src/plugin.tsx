import {
  ApiBlueprint,
  createFrontendPlugin,
  createRouteRef,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import RoadmapIcon from '@material-ui/icons/Timeline';
import { RoadmapClient } from '@internal/plugin-roadmap-common';
import { roadmapApiRef } from './api';

const roadmapApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: roadmapApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new RoadmapClient({ discoveryApi, fetchApi }),
    }),
});

const roadmapRouteRef = createRouteRef();

const roadmapPage = PageBlueprint.make({
  params: {
    path: '/roadmap',
    routeRef: roadmapRouteRef,
    title: 'Roadmap',
    icon: <RoadmapIcon fontSize="inherit" />,
    loader: () =>
      import('./components/RoadmapPage').then(m => <m.RoadmapPage />),
  },
});

/** The roadmap frontend plugin: the platform team's roadmap and the developers' proposals. */
export const roadmapPlugin = createFrontendPlugin({
  pluginId: 'roadmap',
  routes: { roadmap: roadmapRouteRef },
  extensions: [roadmapApi, roadmapPage],
});
