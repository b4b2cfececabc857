import { Link, Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { Box, Button, List, ListItem, ListItemText } from '@material-ui/core';
import useAsync from 'react-use/esm/useAsync';

/** The golden paths registered in the catalog, each one click from its form. */
export function CreateServiceCard() {
  const catalogApi = useApi(catalogApiRef);
  const { value, loading, error } = useAsync(
    () =>
      catalogApi.getEntities({
        filter: { kind: 'Template' },
        fields: [
          'metadata.name',
          'metadata.namespace',
          'metadata.title',
          'metadata.description',
        ],
        order: { field: 'metadata.title', order: 'asc' },
      }),
    [catalogApi],
  );

  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  const templates = value?.items ?? [];

  return (
    <>
      {templates.length === 0 ? (
        <Box my={1}>No golden paths are registered yet.</Box>
      ) : (
        <List dense aria-label="Golden paths">
          {templates.map(({ metadata }) => (
            <ListItem
              key={`${metadata.namespace}/${metadata.name}`}
              disableGutters
            >
              <ListItemText
                primary={
                  <Link
                    to={`/create/templates/${metadata.namespace ?? 'default'}/${
                      metadata.name
                    }`}
                  >
                    {metadata.title ?? metadata.name}
                  </Link>
                }
                secondary={metadata.description}
              />
            </ListItem>
          ))}
        </List>
      )}
      <Button variant="contained" color="primary" href="/create">
        New service
      </Button>
    </>
  );
}
