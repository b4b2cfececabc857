import {
  ApiBlueprint,
  createFrontendPlugin,
  createRouteRef,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import UpgradeIcon from '@material-ui/icons/Update';
import {
  GoldenPathUpgradesClient,
  TEMPLATE_ANNOTATION,
} from '@internal/plugin-golden-path-upgrades-common';
import { goldenPathUpgradesApiRef } from './api';

const goldenPathUpgradesApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: goldenPathUpgradesApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new GoldenPathUpgradesClient({ discoveryApi, fetchApi }),
    }),
});

const goldenPathsRouteRef = createRouteRef();

const goldenPathsPage = PageBlueprint.make({
  params: {
    path: '/golden-paths',
    routeRef: goldenPathsRouteRef,
    title: 'Golden paths',
    icon: <UpgradeIcon fontSize="inherit" />,
    loader: () =>
      import('./components/GoldenPathsPage').then(m => <m.GoldenPathsPage />),
  },
});

/** Only components made from a golden path carry the template annotation. */
export const goldenPathUpgradeCard = EntityCardBlueprint.make({
  name: 'golden-path-upgrade',
  params: {
    filter: entity =>
      entity.kind.toLocaleLowerCase('en-US') === 'component' &&
      Boolean(entity.metadata.annotations?.[TEMPLATE_ANNOTATION]),
    loader: () =>
      import('./components/GoldenPathUpgradeCard').then(m => (
        <m.GoldenPathUpgradeCard />
      )),
  },
});

/**
 * Golden path upgrades in the portal: the platform team's page of every golden path and the
 * card of a component made from one.
 */
export const goldenPathUpgradesPlugin = createFrontendPlugin({
  pluginId: 'golden-path-upgrades',
  routes: { goldenPaths: goldenPathsRouteRef },
  extensions: [goldenPathUpgradesApi, goldenPathsPage, goldenPathUpgradeCard],
});
