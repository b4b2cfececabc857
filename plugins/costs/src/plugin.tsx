import {
  ApiBlueprint,
  createFrontendPlugin,
  createRouteRef,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { CostsClient } from '@internal/plugin-costs-common';
import { costsApiRef } from './api';

/** A coin, drawn here so the plugin needs no icon package. */
function CostsIcon() {
  return (
    <svg viewBox="0 0 24 24" width="1em" height="1em" aria-hidden="true">
      <circle
        cx="12"
        cy="12"
        r="9"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
      />
      <path
        d="M14.5 9.5a3 3 0 1 0 0 5M8 11h5M8 13h5"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.6"
        strokeLinecap="round"
      />
    </svg>
  );
}

const costsApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: costsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new CostsClient({ discoveryApi, fetchApi }),
    }),
});

const costsRouteRef = createRouteRef();

const costsPage = PageBlueprint.make({
  params: {
    path: '/costs',
    routeRef: costsRouteRef,
    title: 'Costs',
    icon: <CostsIcon />,
    loader: () => import('./components/CostsPage').then(m => <m.CostsPage />),
  },
});

const entityCostsContent = EntityContentBlueprint.make({
  name: 'costs',
  params: {
    path: 'costs',
    title: 'Costs',
    filter: 'kind:component',
    loader: () =>
      import('./components/EntityCostsContent').then(m => (
        <m.EntityCostsContent />
      )),
  },
});

const groupCostsContent = EntityContentBlueprint.make({
  name: 'group-costs',
  params: {
    path: 'costs',
    title: 'Costs',
    filter: 'kind:group',
    loader: () =>
      import('./components/GroupCostsContent').then(m => (
        <m.GroupCostsContent />
      )),
  },
});

/** The costs frontend plugin: the organisation's page, a service's and a team's Costs tab. */
export const costsPlugin = createFrontendPlugin({
  pluginId: 'costs',
  routes: { costs: costsRouteRef },
  extensions: [costsApi, costsPage, entityCostsContent, groupCostsContent],
});
