import { createFrontendModule } from '@backstage/frontend-plugin-api';
import {
  SignInPageBlueprint,
  ThemeBlueprint,
} from '@backstage/plugin-app-react';
import { UnifiedThemeProvider } from '@backstage/theme';
import LightIcon from '@material-ui/icons/WbSunny';
import DarkIcon from '@material-ui/icons/Brightness2';
import { acmeDarkTheme, acmeLightTheme } from './theme';

const lightTheme = ThemeBlueprint.make({
  name: 'light',
  params: {
    theme: {
      id: 'light',
      title: 'Light',
      variant: 'light',
      icon: <LightIcon />,
      Provider: ({ children }) => (
        <UnifiedThemeProvider theme={acmeLightTheme} children={children} />
      ),
    },
  },
});

const darkTheme = ThemeBlueprint.make({
  name: 'dark',
  params: {
    theme: {
      id: 'dark',
      title: 'Dark',
      variant: 'dark',
      icon: <DarkIcon />,
      Provider: ({ children }) => (
        <UnifiedThemeProvider theme={acmeDarkTheme} children={children} />
      ),
    },
  },
});

const signInPage = SignInPageBlueprint.make({
  params: {
    loader: async () => (await import('./SignIn')).PortalSignInPage,
  },
});

/** The portal's identity: its themes and its sign-in page. */
export const brandingModule = createFrontendModule({
  pluginId: 'app',
  extensions: [lightTheme, darkTheme, signInPage],
});
