import {
  ApiBlueprint,
  createFrontendPlugin,
  createRouteRef,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import ScorecardsIcon from '@material-ui/icons/EmojiEvents';
import { ScorecardsClient } from '@internal/plugin-scorecards-common';
import { scorecardsApiRef } from './api';

const scorecardsApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: scorecardsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new ScorecardsClient({ discoveryApi, fetchApi }),
    }),
});

const scorecardsRouteRef = createRouteRef();

const scorecardsPage = PageBlueprint.make({
  params: {
    path: '/scorecards',
    routeRef: scorecardsRouteRef,
    title: 'Scorecards',
    icon: <ScorecardsIcon fontSize="inherit" />,
    loader: () =>
      import('./components/ScorecardsPage').then(m => <m.ScorecardsPage />),
  },
});

const scorecardEntityContent = EntityContentBlueprint.make({
  name: 'scorecard',
  params: {
    path: 'scorecard',
    title: 'Scorecard',
    filter: 'kind:component',
    loader: () =>
      import('./components/EntityScorecardContent').then(m => (
        <m.EntityScorecardContent />
      )),
  },
});

const groupScorecardContent = EntityContentBlueprint.make({
  name: 'group-scorecards',
  params: {
    path: 'scorecards',
    title: 'Scorecards',
    filter: 'kind:group',
    loader: () =>
      import('./components/GroupScorecardContent').then(m => (
        <m.GroupScorecardContent />
      )),
  },
});

/** The scorecards frontend plugin: the entity tab and the leaders' and teams' page. */
export const scorecardsPlugin = createFrontendPlugin({
  pluginId: 'scorecards',
  routes: { scorecards: scorecardsRouteRef },
  extensions: [
    scorecardsApi,
    scorecardsPage,
    scorecardEntityContent,
    groupScorecardContent,
  ],
});
