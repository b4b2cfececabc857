import { createFrontendModule } from '@backstage/frontend-plugin-api';
import {
  HomePageLayoutBlueprint,
  HomePageWidgetBlueprint,
} from '@backstage/plugin-home-react/alpha';

const createServiceWidget = HomePageWidgetBlueprint.make({
  name: 'create-service',
  params: {
    name: 'CreateService',
    title: 'Create a service',
    description: 'Golden paths: a working, deployable service in minutes',
    components: async () => ({
      Content: (await import('./widgets/CreateServiceCard')).CreateServiceCard,
    }),
  },
});

const findServiceWidget = HomePageWidgetBlueprint.make({
  name: 'find-service',
  params: {
    name: 'FindService',
    title: 'Find a service or its docs',
    description: 'Search the catalog and TechDocs',
    components: async () => ({
      Content: (await import('./widgets/FindServiceCard')).FindServiceCard,
    }),
  },
});

const platformNumbersWidget = HomePageWidgetBlueprint.make({
  name: 'platform-numbers',
  params: {
    name: 'PlatformNumbers',
    title: "The platform's numbers",
    description: 'What the catalog holds, counted by the catalog',
    components: async () => ({
      Content: (await import('./widgets/PlatformNumbersCard'))
        .PlatformNumbersCard,
    }),
  },
});

const personaLayout = HomePageLayoutBlueprint.make({
  params: {
    loader: async () => (await import('./PersonaHomeLayout')).PersonaHomeLayout,
  },
});

/** The home page: one column per persona (developers, teams, leaders). */
export const homeModule = createFrontendModule({
  pluginId: 'home',
  extensions: [
    personaLayout,
    createServiceWidget,
    findServiceWidget,
    platformNumbersWidget,
  ],
});
