import { Link } from '@backstage/core-components';
import { HomePageSearchBar } from '@backstage/plugin-search';
import { Box, Typography } from '@material-ui/core';

const places = [
  {
    to: '/catalog',
    label: 'Service catalog',
    hint: 'owners, systems, dependencies',
  },
  { to: '/api-docs', label: 'APIs', hint: 'OpenAPI and AsyncAPI definitions' },
  { to: '/docs', label: 'Documentation', hint: 'TechDocs of every component' },
];

export function FindServiceCard() {
  return (
    <>
      <HomePageSearchBar placeholder="Search services, APIs and docs" />
      <Box mt={2}>
        {places.map(place => (
          <Typography key={place.to} variant="body1" gutterBottom>
            <Link to={place.to}>{place.label}</Link>
            <Typography component="span" variant="body2" color="textSecondary">
              {' '}
              · {place.hint}
            </Typography>
          </Typography>
        ))}
      </Box>
    </>
  );
}
