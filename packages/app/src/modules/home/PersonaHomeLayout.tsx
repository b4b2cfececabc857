import { Content, Header, Page } from '@backstage/core-components';
import { configApiRef, useApi } from '@backstage/core-plugin-api';
import type { HomePageLayoutProps } from '@backstage/plugin-home-react/alpha';
import { Box, Grid, Typography } from '@material-ui/core';
import { DemoDataBanner } from '@internal/plugin-portal-react';
import { personaOfWidget, personas } from './personas';

export function PersonaHomeLayout({ widgets }: HomePageLayoutProps) {
  const title = useApi(configApiRef).getOptionalString('app.title');
  const byPersona = (persona: string) =>
    widgets.filter(w => w.name && personaOfWidget[w.name] === persona);
  const others = widgets.filter(w => !w.name || !personaOfWidget[w.name]);

  return (
    <Page themeId="home">
      <Header
        title={title ?? 'Developer Portal'}
        subtitle="Create services, find what exists, see whether the platform pays off"
      />
      <Content>
        <DemoDataBanner />
        <Grid container spacing={3}>
          {personas.map(persona => (
            <Grid item xs={12} md={4} key={persona.id}>
              <section aria-label={`For ${persona.title.toLowerCase()}`}>
                <Box mb={2}>
                  <Typography variant="h5" component="h2">
                    {persona.title}
                  </Typography>
                  <Typography variant="body2" color="textSecondary">
                    {persona.subtitle}
                  </Typography>
                </Box>
                <Grid container spacing={2}>
                  {byPersona(persona.id).map(widget => (
                    <Grid item xs={12} key={widget.node.spec.id}>
                      {widget.component}
                    </Grid>
                  ))}
                </Grid>
              </section>
            </Grid>
          ))}
          {others.length > 0 && (
            <Grid item xs={12}>
              <Typography variant="h5" component="h2">
                For you
              </Typography>
            </Grid>
          )}
          {others.map(widget => (
            <Grid item xs={12} md={6} key={widget.node.spec.id}>
              {widget.component}
            </Grid>
          ))}
        </Grid>
      </Content>
    </Page>
  );
}
