import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { Box, Grid, Typography } from '@material-ui/core';
import useAsync from 'react-use/esm/useAsync';

const TECHDOCS_REF = 'metadata.annotations.backstage.io/techdocs-ref';

type Facet = Array<{ value: string; count: number }>;
const countOf = (facet: Facet, value: string) =>
  facet.find(f => f.value.toLocaleLowerCase('en-US') === value)?.count ?? 0;
const total = (facet: Facet) => facet.reduce((sum, f) => sum + f.count, 0);

/** Counts come from the catalog's facet endpoint, so the database does the counting. */
export function PlatformNumbersCard() {
  const catalogApi = useApi(catalogApiRef);
  const { value, loading, error } = useAsync(async () => {
    const [byKind, components] = await Promise.all([
      catalogApi.getEntityFacets({ facets: ['kind', 'spec.type'] }),
      catalogApi.getEntityFacets({
        filter: { kind: 'Component' },
        facets: [TECHDOCS_REF],
      }),
    ]);
    const kinds = byKind.facets.kind;
    return {
      components: countOf(kinds, 'component'),
      apis: countOf(kinds, 'api'),
      systems: countOf(kinds, 'system'),
      teams: countOf(byKind.facets['spec.type'], 'team'),
      documented: total(components.facets[TECHDOCS_REF]),
    };
  }, [catalogApi]);

  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  if (!value) return <Progress />;

  const figures = [
    { label: 'Components', value: value.components },
    { label: 'APIs', value: value.apis },
    { label: 'Systems', value: value.systems },
    { label: 'Teams', value: value.teams },
  ];
  return (
    <>
      <Grid container spacing={2}>
        {figures.map(figure => (
          <Grid item xs={6} key={figure.label}>
            <Typography variant="h3" component="p" aria-label={figure.label}>
              {figure.value}
            </Typography>
            <Typography variant="body2" color="textSecondary">
              {figure.label}
            </Typography>
          </Grid>
        ))}
      </Grid>
      <Box mt={2}>
        <Typography variant="body2">
          {value.documented} of {value.components} components have TechDocs.
        </Typography>
      </Box>
    </>
  );
}
