import { Content, Header, Page, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import {
  Alert,
  Button,
  Card,
  CardBody,
  CardHeader,
  Flex,
  Text,
} from '@backstage/ui';
import { ApiErrorPanel, DemoDataBanner } from '@internal/plugin-portal-react';
import {
  AdoptBaselineRequest,
  ORGANISATION_SCOPE,
  quarterAfter,
  ScopeBaseline,
} from '@internal/plugin-value-common';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { valueApiRef } from '../api';
import { AdoptBaselineDialog } from './AdoptBaselineDialog';
import { QuarterReportView } from './QuarterReportView';

/** `payments-team` of `group:default/payments-team`; "the organisation" for the organisation. */
export function scopeLabel(scope: string): string {
  return scope === ORGANISATION_SCOPE
    ? 'the organisation'
    : scope.replace(/^group:(default\/)?/, '');
}

/** The scopes to choose from: the organisation and every group of the catalog. */
function useScopes(): string[] {
  const catalogApi = useApi(catalogApiRef);
  const { value } = useAsync(async () => {
    const { items } = await catalogApi.getEntities({
      filter: { kind: 'Group' },
      fields: ['metadata.name', 'metadata.namespace'],
    });
    return items
      .map(e =>
        `group:${e.metadata.namespace ?? 'default'}/${
          e.metadata.name
        }`.toLocaleLowerCase('en-US'),
      )
      .sort();
  }, [catalogApi]);
  return [ORGANISATION_SCOPE, ...(value ?? [])];
}

function BaselineCard(props: { current: ScopeBaseline; onAdopt: () => void }) {
  const { baseline, history, canAdopt, scope } = props.current;
  return (
    <Card>
      <CardHeader>
        <Flex justify="between" align="center">
          <Text variant="title-small">Business case</Text>
          {canAdopt && (
            <Button variant="secondary" onPress={props.onAdopt}>
              {baseline
                ? 'Adopt another business case'
                : 'Adopt a business case'}
            </Button>
          )}
        </Flex>
      </CardHeader>
      <CardBody>
        {baseline ? (
          <>
            <Text as="p">
              “{baseline.scenarioName}” (version {baseline.scenarioVersion}),
              the baseline of {scopeLabel(scope)} from {baseline.startDate}:
              adopted by {baseline.adoptedBy.replace(/^user:(default\/)?/, '')}{' '}
              on {baseline.adoptedAt.slice(0, 10)}; incidents priced at{' '}
              {baseline.costPerIncident.toLocaleString('en-GB')}{' '}
              {baseline.currency}.
            </Text>
            {history.length > 1 && (
              <Text as="p" variant="body-small" color="secondary">
                Earlier:{' '}
                {history
                  .filter(e => e.action === 'adopted')
                  .slice(1)
                  .map(
                    e =>
                      `from ${e.startDate}, adopted ${e.at.slice(
                        0,
                        10,
                      )} by ${e.actor.replace(/^user:(default\/)?/, '')}`,
                  )
                  .join('; ')}
              </Text>
            )}
          </>
        ) : (
          <Text as="p">
            No business case adopted for {scopeLabel(scope)} yet.
            {canAdopt
              ? ' Adopt a saved ROI scenario to hold it against what is measured.'
              : ' Its members (or platform admins, for the organisation) can adopt one.'}
          </Text>
        )}
      </CardBody>
    </Card>
  );
}

/**
 * The leaders' page: the scope's adopted business case, and for a quarter after its start
 * the case's expected figures beside the measured ones, with source and coverage.
 */
export function ValuePage() {
  const api = useApi(valueApiRef);
  const scopes = useScopes();
  const [params, setParams] = useSearchParams();
  const scope = params.get('scope') ?? ORGANISATION_SCOPE;
  const [adopting, setAdopting] = useState(false);
  const [adoptError, setAdoptError] = useState<string>();
  const [adopted, setAdopted] = useState<string>();

  const current = useAsyncRetry(() => api.getBaseline(scope), [api, scope]);
  const scenarios = useAsync(
    async () => (adopting ? api.listScenarios() : []),
    [api, adopting],
  );
  const started = current.value?.baseline?.quartersStarted ?? 0;
  const quarter = Math.min(Number(params.get('quarter')) || started, started);
  const report = useAsync(
    async () =>
      current.value?.baseline && quarter > 0
        ? api.getReport(scope, quarter)
        : undefined,
    [api, scope, quarter, current.value],
  );

  const choose = (change: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(change)) next.set(key, value);
    setParams(next);
  };

  const adopt = async (request: AdoptBaselineRequest) => {
    try {
      const baseline = await api.adoptBaseline(request);
      setAdopting(false);
      setAdoptError(undefined);
      setAdopted(
        `“${baseline.scenarioName}” is the baseline of ${scopeLabel(
          scope,
        )} from ${baseline.startDate}.`,
      );
      const next = new URLSearchParams(params);
      next.delete('quarter');
      setParams(next);
      current.retry();
    } catch (e) {
      setAdoptError((e as Error).message);
    }
  };

  const baseline = current.value?.baseline;
  return (
    <Page themeId="tool">
      <Header
        title="Value delivered"
        subtitle="The business case that funded the platform, against what it delivered"
      />
      <Content>
        <Flex direction="column" gap="4">
          <DemoDataBanner />
          <Flex gap="4" align="end">
            <label>
              <Text variant="body-medium">Scope </Text>
              <select
                aria-label="Scope"
                value={scope}
                onChange={e => {
                  setAdopted(undefined);
                  const next = new URLSearchParams(params);
                  next.set('scope', e.target.value);
                  next.delete('quarter');
                  setParams(next);
                }}
              >
                {(scopes.includes(scope) ? scopes : [...scopes, scope]).map(
                  s => (
                    <option key={s} value={s}>
                      {s === ORGANISATION_SCOPE
                        ? 'Organisation'
                        : scopeLabel(s)}
                    </option>
                  ),
                )}
              </select>
            </label>
            {baseline && started > 0 && (
              <label>
                <Text variant="body-medium">Quarter </Text>
                <select
                  aria-label="Quarter"
                  value={quarter}
                  onChange={e => choose({ quarter: e.target.value })}
                >
                  {Array.from({ length: started }, (_, i) => i + 1).map(q => {
                    const period = quarterAfter(baseline.startDate, q);
                    return (
                      <option key={q} value={q}>
                        Quarter {q}: {period.from} to {period.to}
                      </option>
                    );
                  })}
                </select>
              </label>
            )}
          </Flex>
          {adopted && <Alert status="success" role="status" title={adopted} />}
          {current.loading && <Progress />}
          {current.error && <ApiErrorPanel error={current.error} />}
          {current.value && (
            <BaselineCard
              current={current.value}
              onAdopt={() => {
                setAdoptError(undefined);
                setAdopting(true);
              }}
            />
          )}
          {baseline && started === 0 && (
            <Text as="p">
              The first quarter starts on {baseline.startDate}: nothing to
              measure yet.
            </Text>
          )}
          {report.loading && <Progress />}
          {report.error && <ApiErrorPanel error={report.error} />}
          {report.value && <QuarterReportView report={report.value} />}
        </Flex>
        {adopting && !scenarios.loading && scenarios.value && (
          <AdoptBaselineDialog
            scope={scope}
            scopeLabel={scopeLabel(scope)}
            scenarios={scenarios.value}
            isOpen
            error={adoptError}
            onClose={() => setAdopting(false)}
            onAdopt={adopt}
          />
        )}
      </Content>
    </Page>
  );
}
