import { useApi } from '@backstage/frontend-plugin-api';
import {
  Badge,
  Card,
  CardBody,
  CardHeader,
  Container,
  Flex,
  Link,
  Skeleton,
  Text,
} from '@backstage/ui';
import type { GoldenPathTemplateSummary } from '@internal/plugin-golden-path-upgrades-common';
import {
  ApiErrorPanel,
  DemoDataBanner,
  TrendChart,
} from '@internal/plugin-portal-react';
import useAsync from 'react-use/esm/useAsync';
import { goldenPathUpgradesApiRef } from '../api';
import {
  deprecationText,
  shortRef,
  upgradeLabel,
  versionCount,
} from './format';

/** Oldest version on the left, so the bars read as the path's history. */
function ServicesPerVersion({
  template,
}: {
  template: GoldenPathTemplateSummary;
}) {
  const data = [...template.versions]
    .reverse()
    .map(v => ({ version: v.version, services: v.services }));
  return (
    <figure
      aria-label={`Services per version of ${template.template}`}
      style={{ margin: 0 }}
    >
      <TrendChart
        kind="bar"
        data={data}
        xKey="version"
        series={[{ dataKey: 'services', name: 'Services', colour: '#5BC0DE' }]}
        height={200}
        yAxis={{ allowDecimals: false }}
      />
    </figure>
  );
}

function VersionsTable({ template }: { template: GoldenPathTemplateSummary }) {
  return (
    <table
      aria-label={`Versions of ${template.template}`}
      style={{ width: '100%', borderCollapse: 'collapse' }}
    >
      <thead>
        <tr>
          <th align="left">Version</th>
          <th align="left">Published</th>
          <th align="right">Services</th>
          <th align="left">Behind</th>
          <th align="right">Open</th>
          <th align="right">Merged</th>
          <th align="right">Conflicted</th>
          <th align="left">Deprecation</th>
        </tr>
      </thead>
      <tbody>
        {template.versions.map(v => (
          <tr key={v.version}>
            <td>{v.version}</td>
            <td>{v.date}</td>
            <td align="right">{v.services}</td>
            <td>{v.behindBy === 0 ? 'latest' : versionCount(v.behindBy)}</td>
            <td align="right">{v.upgradesOpen}</td>
            <td align="right">{v.upgradesMerged}</td>
            <td align="right">{v.upgradesConflicted}</td>
            <td>{deprecationText(v.deprecation) ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function TemplateCard({ template }: { template: GoldenPathTemplateSummary }) {
  const oldest = template.oldestUnmerged;
  const versionsInUse = template.versions.filter(v => v.services > 0).length;
  return (
    <Card aria-label={`Golden path ${template.template}`}>
      <CardHeader>
        <Flex align="center" gap="2">
          <Text as="h2" variant="title-small">
            {template.template}
          </Text>
          <Badge size="small">latest {template.latest}</Badge>
        </Flex>
      </CardHeader>
      <CardBody>
        <Flex direction="column" gap="3">
          <Text as="p">
            {template.services} services, {template.servicesBehind} behind the
            latest version, {template.optedOut.length} opted out.
          </Text>
          {versionsInUse > 1 && <ServicesPerVersion template={template} />}
          <VersionsTable template={template} />
          {oldest && (
            <Text as="p">
              Oldest unmerged upgrade: {shortRef(oldest.entityRef)} from{' '}
              {oldest.fromVersion} to {oldest.toVersion}
              {oldest.createdAt
                ? `, prepared ${oldest.createdAt.slice(0, 10)}`
                : ''}{' '}
              (
              {oldest.url ? (
                <Link href={oldest.url}>{upgradeLabel(oldest)}</Link>
              ) : (
                upgradeLabel(oldest)
              )}
              )
            </Text>
          )}
          {template.optedOut.length > 0 && (
            <Flex direction="column" gap="1">
              <Text as="h3" variant="title-x-small">
                Opted out
              </Text>
              <ul aria-label={`Opted out of ${template.template}`}>
                {template.optedOut.map(o => (
                  <li key={o.entityRef}>
                    {shortRef(o.entityRef)}: {o.reason}
                  </li>
                ))}
              </ul>
            </Flex>
          )}
        </Flex>
      </CardBody>
    </Card>
  );
}

/** The Golden paths page: for the platform team, every golden path and where its services are. */
export function GoldenPathsPage() {
  const api = useApi(goldenPathUpgradesApiRef);
  const templates = useAsync(() => api.getTemplates(), [api]);
  return (
    <Container>
      <Flex direction="column" gap="4">
        <DemoDataBanner />
        <Text as="p" variant="body-large">
          Every golden path's versions, the services on them and their upgrades.
        </Text>
        {templates.error && (
          <ApiErrorPanel
            error={templates.error}
            title="Could not load the golden paths"
          />
        )}
        {templates.loading && (
          <Skeleton width="100%" height={240} aria-label="Loading" />
        )}
        {templates.value?.length === 0 && (
          <Text as="p">No golden path has versions yet.</Text>
        )}
        {templates.value?.map(t => (
          <TemplateCard key={t.template} template={t} />
        ))}
      </Flex>
    </Container>
  );
}
