import {
  Content,
  Header,
  InfoCard,
  Link,
  Progress,
  WarningPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { ImportStepper } from '@backstage/plugin-catalog-import';
import {
  Box,
  Button,
  Dialog,
  DialogContent,
  DialogTitle,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import {
  generateCatalogInfo,
  UncataloguedRepository,
} from '@internal/plugin-service-overview-common';
import { Page } from '@backstage/core-components';
import {
  ApiErrorPanel,
  DemoDataBanner,
  offsetSummary,
  Pager,
} from '@internal/plugin-portal-react';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { serviceOverviewApiRef } from '../api';
import { EntityRefLink } from './refs';

const PAGE_SIZE = 25;

function percent(share: number | null): string {
  return share === null ? '—' : `${(share * 100).toFixed(1)} %`;
}

function RegisterDialog({
  repo,
  onClose,
}: {
  repo: UncataloguedRepository;
  onClose: () => void;
}) {
  return (
    <Dialog open onClose={onClose} maxWidth="md" fullWidth>
      <DialogTitle>
        Register {repo.organization}/{repo.name}
      </DialogTitle>
      <DialogContent>
        <Typography variant="body2" paragraph>
          The catalog import opens a pull request that adds a catalog-info.yaml
          to the repository. Suggested content, with the likely owner:
        </Typography>
        <pre style={{ fontSize: 12 }}>
          {generateCatalogInfo({
            organization: repo.organization,
            repository: repo.name,
            description: repo.description,
            owner: repo.likelyOwner,
          })}
        </pre>
        <ImportStepper initialUrl={repo.url} />
      </DialogContent>
    </Dialog>
  );
}

/** Repositories of the GitHub organisations with no entity in the catalog, and the share covered. */
export function CoveragePage() {
  const api = useApi(serviceOverviewApiRef);
  const [offset, setOffset] = useState(0);
  const [registering, setRegistering] = useState<UncataloguedRepository>();
  const coverage = useAsync(() => api.getCoverage(), [api]);
  const repos = useAsync(
    async () =>
      coverage.value?.configured
        ? api.getUncatalogued(offset, PAGE_SIZE)
        : undefined,
    [api, offset, coverage.value],
  );

  let body;
  if (coverage.loading) body = <Progress />;
  else if (coverage.error) body = <ApiErrorPanel error={coverage.error} />;
  else if (!coverage.value?.configured) {
    body = (
      <WarningPanel
        severity="info"
        title="GitHub discovery is off"
        message="Set GITHUB_ORG (and a GitHub token or App under integrations.github) to list the repositories that are not in the catalog yet. See the Catalog discovery page of the portal docs."
      />
    );
  } else {
    const c = coverage.value;
    body = (
      <>
        <InfoCard title="Coverage">
          <Typography variant="h4" aria-label="coverage share">
            {percent(c.share)}
          </Typography>
          <Typography variant="body2" color="textSecondary">
            {c.covered} of {c.repositories} repositories of{' '}
            {c.organizations.join(', ')} have an entity in the catalog
            {c.scannedAt
              ? `; last scan ${new Date(c.scannedAt).toLocaleString()}`
              : ''}
            .
          </Typography>
        </InfoCard>
        <Box mt={2}>
          {repos.error && <ApiErrorPanel error={repos.error} />}
          {repos.loading && <Progress />}
          {repos.value && (
            <>
              <Table size="small" aria-label="Repositories not in the catalog">
                <TableHead>
                  <TableRow>
                    <TableCell>Repository</TableCell>
                    <TableCell>Last push</TableCell>
                    <TableCell>Language</TableCell>
                    <TableCell>Likely owner</TableCell>
                    <TableCell />
                  </TableRow>
                </TableHead>
                <TableBody>
                  {repos.value.items.map(r => (
                    <TableRow key={`${r.organization}/${r.name}`}>
                      <TableCell>
                        <Link to={r.url}>
                          {r.organization}/{r.name}
                        </Link>
                      </TableCell>
                      <TableCell>{r.lastPushAt?.slice(0, 10) ?? '—'}</TableCell>
                      <TableCell>{r.language ?? '—'}</TableCell>
                      <TableCell>
                        {r.likelyOwner ? (
                          <>
                            <EntityRefLink entityRef={r.likelyOwner} />
                            {r.likelyOwnerSource === 'codeowners'
                              ? ' (CODEOWNERS)'
                              : ' (admin team)'}
                          </>
                        ) : (
                          '—'
                        )}
                      </TableCell>
                      <TableCell>
                        <Button
                          size="small"
                          color="primary"
                          variant="outlined"
                          onClick={() => setRegistering(r)}
                        >
                          Register
                        </Button>
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
              <Pager
                label="Repository pages"
                summary={
                  repos.value.totalItems === 0
                    ? 'Every repository is in the catalog.'
                    : offsetSummary(offset, PAGE_SIZE, repos.value.totalItems)
                }
                hasPrevious={offset > 0}
                hasNext={offset + PAGE_SIZE < repos.value.totalItems}
                onPrevious={() => setOffset(o => Math.max(0, o - PAGE_SIZE))}
                onNext={() => setOffset(o => o + PAGE_SIZE)}
              />
            </>
          )}
        </Box>
        {registering && (
          <RegisterDialog
            repo={registering}
            onClose={() => setRegistering(undefined)}
          />
        )}
      </>
    );
  }

  return (
    <Page themeId="tool">
      <Header
        title="Not in the catalog yet"
        subtitle="Repositories without a catalog-info.yaml, and the share covered"
      />
      <Content>
        <DemoDataBanner />
        {body}
      </Content>
    </Page>
  );
}
