import {
  createUnifiedTheme,
  genPageTheme,
  palettes,
  shapes,
} from '@backstage/theme';

/** Acme's colours: a deep teal for the product, warm amber for calls to action. */
const acmePageTheme = genPageTheme({
  colors: ['#0B4F6C', '#0F7173'],
  shape: shapes.wave,
});

export const acmeLightTheme = createUnifiedTheme({
  palette: {
    ...palettes.light,
    primary: { main: '#0B6E8A' },
    secondary: { main: '#C77D0A' },
    navigation: {
      ...palettes.light.navigation,
      background: '#0B2E3F',
      indicator: '#F2A541',
      selectedColor: '#FFFFFF',
    },
  },
  defaultPageTheme: 'home',
  pageTheme: {
    home: acmePageTheme,
    documentation: genPageTheme({
      colors: ['#0F7173', '#2E8B57'],
      shape: shapes.round,
    }),
    tool: genPageTheme({ colors: ['#6B4E9B', '#0B4F6C'], shape: shapes.round }),
    service: acmePageTheme,
    website: acmePageTheme,
    library: acmePageTheme,
    other: acmePageTheme,
    app: acmePageTheme,
    apis: genPageTheme({ colors: ['#0F7173', '#0B4F6C'], shape: shapes.wave2 }),
  },
});

export const acmeDarkTheme = createUnifiedTheme({
  palette: {
    ...palettes.dark,
    primary: { main: '#5BC0DE' },
    secondary: { main: '#F2A541' },
  },
  defaultPageTheme: 'home',
  pageTheme: { home: acmePageTheme },
});
