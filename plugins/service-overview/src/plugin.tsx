import {
  ApiBlueprint,
  createFrontendPlugin,
  createRouteRef,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import ServicesIcon from '@material-ui/icons/Apps';
import CoverageIcon from '@material-ui/icons/PlaylistAdd';
import { ServiceOverviewClient } from '@internal/plugin-service-overview-common';
import { serviceOverviewApiRef } from './api';

const serviceOverviewApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: serviceOverviewApiRef,
      deps: {
        discoveryApi: discoveryApiRef,
        fetchApi: fetchApiRef,
        catalogApi: catalogApiRef,
      },
      factory: ({ discoveryApi, fetchApi, catalogApi }) =>
        new ServiceOverviewClient({ discoveryApi, fetchApi, catalogApi }),
    }),
});

/** Route refs give the pages their navigation items. */
const servicesRouteRef = createRouteRef();
const coverageRouteRef = createRouteRef();

const servicesPage = PageBlueprint.make({
  params: {
    path: '/services',
    routeRef: servicesRouteRef,
    title: 'Services',
    icon: <ServicesIcon fontSize="inherit" />,
    loader: () =>
      import('./components/ServicesPage').then(m => <m.ServicesPage />),
  },
});

const coveragePage = PageBlueprint.make({
  name: 'coverage',
  params: {
    path: '/catalog-coverage',
    routeRef: coverageRouteRef,
    title: 'Not in the catalog yet',
    icon: <CoverageIcon fontSize="inherit" />,
    loader: () =>
      import('./components/CoveragePage').then(m => <m.CoveragePage />),
  },
});

const overviewCard = EntityCardBlueprint.make({
  name: 'overview',
  params: {
    filter: 'kind:component',
    loader: () =>
      import('./components/EntityServiceOverviewCard').then(m => (
        <m.EntityServiceOverviewCard />
      )),
  },
});

/** The service overview frontend plugin. */
export const serviceOverviewPlugin = createFrontendPlugin({
  pluginId: 'service-overview',
  routes: { services: servicesRouteRef, coverage: coverageRouteRef },
  extensions: [serviceOverviewApi, servicesPage, coveragePage, overviewCard],
});
