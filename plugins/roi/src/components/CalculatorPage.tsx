import { useCallback, useEffect, useState } from 'react';
import {
  Content,
  ContentHeader,
  Header,
  Page,
  WarningPanel,
} from '@backstage/core-components';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { Grid, Typography } from '@material-ui/core';
import useAsync from 'react-use/esm/useAsync';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { useSearchParams } from 'react-router-dom';
import { RoiScenario, RoiScenarioSummary } from '@internal/plugin-roi-common';
import { roiApiRef } from '../api';
import { RoiForm } from './RoiForm';
import { EXAMPLE_INPUTS, useRoiForm } from './useRoiForm';
import { Results } from './Results';
import {
  CashFlowChart,
  GainBreakdownChart,
  TornadoChart,
  YearsTable,
} from './Charts';
import { HowComputed } from './HowComputed';
import { SaveDetails, SavePanel } from './SavePanel';
import { MAX_COMPARE, SavedScenarios } from './SavedScenarios';
import { Compare } from './Compare';
import {
  ApiErrorPanel,
  CursorPager,
  downloadFile,
} from '@internal/plugin-portal-react';
import { usePaths } from './usePaths';

const emptyDetails: SaveDetails = {
  name: '',
  description: '',
  sharedWithGroups: [],
  sharedByLink: false,
};

/** Saved scenarios shown a page at a time. */
export const SCENARIOS_PAGE_SIZE = 20;

/** The calculator: inputs, live results and charts, saved scenarios and comparison. */
export function CalculatorPage() {
  const api = useApi(roiApiRef);
  const alertApi = useApi(alertApiRef);
  const catalogApi = useApi(catalogApiRef);
  const paths = usePaths();
  const [params, setParams] = useSearchParams();
  const form = useRoiForm(EXAMPLE_INPUTS);
  const [current, setCurrent] = useState<RoiScenario | undefined>();
  const [details, setDetails] = useState<SaveDetails>(emptyDetails);
  const [saving, setSaving] = useState(false);
  const [compareIds, setCompareIds] = useState<string[]>([]);

  const [cursor, setCursor] = useState<string | undefined>();
  const list = useAsyncRetry(
    () => api.listScenarioPage({ limit: SCENARIOS_PAGE_SIZE, cursor }),
    [api, cursor],
  );
  const groups = useAsync(async () => {
    const { items } = await catalogApi.getEntities({
      filter: { kind: 'Group' },
      fields: ['kind', 'metadata.name', 'metadata.namespace'],
    });
    return items.map(e => stringifyEntityRef(e)).sort();
  }, [catalogApi]);

  const show = useCallback(
    (s: RoiScenario) => {
      setCurrent(s);
      form.setAll(s.inputs);
      setDetails({
        name: s.name,
        description: s.description,
        sharedWithGroups: s.sharedWithGroups,
        sharedByLink: s.sharedByLink,
      });
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [form.setAll],
  );

  const scenarioParam = params.get('scenario');
  useEffect(() => {
    if (!scenarioParam || scenarioParam === current?.id) return;
    api
      .getScenario(scenarioParam)
      .then(show)
      .catch(e =>
        alertApi.post({
          message: `Could not open the scenario: ${e.message}`,
          severity: 'error',
        }),
      );
  }, [api, alertApi, scenarioParam, current?.id, show]);

  const open = (id: string) => setParams({ scenario: id });

  const report = (e: unknown) =>
    alertApi.post({ message: (e as Error).message, severity: 'error' });

  const save = async (asNew: boolean) => {
    if (!form.inputs) return;
    setSaving(true);
    try {
      const body = {
        name: details.name.trim(),
        description: details.description,
        inputs: form.inputs,
        sharedWithGroups: details.sharedWithGroups,
        sharedByLink: details.sharedByLink,
      };
      const saved =
        current && current.canEdit && !asNew
          ? await api.updateScenario(current.id, {
              ...body,
              version: current.version,
            })
          : await api.createScenario(body);
      setCurrent(saved);
      setParams({ scenario: saved.id });
      alertApi.post({
        message: `Saved “${saved.name}” (version ${saved.version})`,
        severity: 'success',
        display: 'transient',
      });
      list.retry();
    } catch (e) {
      report(e);
    } finally {
      setSaving(false);
    }
  };

  const duplicate = async (id: string) => {
    try {
      const copy = await api.duplicateScenario(id);
      list.retry();
      open(copy.id);
    } catch (e) {
      report(e);
    }
  };

  const exportCsv = async (id: string) => {
    try {
      const { filename, blob } = await api.exportCsv(id);
      downloadFile(filename, blob);
    } catch (e) {
      report(e);
    }
  };

  const remove = async (s: RoiScenarioSummary) => {
    // eslint-disable-next-line no-alert
    if (!window.confirm(`Delete “${s.name}” and all its versions?`)) return;
    try {
      await api.deleteScenario(s.id);
      setCompareIds(ids => ids.filter(i => i !== s.id));
      if (current?.id === s.id) {
        setCurrent(undefined);
        setDetails(emptyDetails);
        setParams({});
      }
      list.retry();
    } catch (e) {
      report(e);
    }
  };

  const toggleCompare = (id: string) =>
    setCompareIds(ids =>
      ids.includes(id)
        ? ids.filter(i => i !== id)
        : [...ids, id].slice(0, MAX_COMPARE),
    );

  const startNew = () => {
    setCurrent(undefined);
    setDetails(emptyDetails);
    form.setAll(EXAMPLE_INPUTS);
    setParams({});
  };

  const { result, inputs } = form;
  return (
    <Page themeId="tool">
      <Header
        title="ROI calculator"
        subtitle="The business case for platform engineering, with the method of “Platform Engineering explained to decision-makers”"
      />
      <Content>
        <ContentHeader title={current ? current.name : 'New scenario'}>
          <Typography variant="body2" color="textSecondary">
            Results update as you type.
          </Typography>
        </ContentHeader>
        <Grid container spacing={3}>
          <Grid item xs={12} lg={5}>
            <RoiForm form={form} />
          </Grid>
          <Grid item xs={12} lg={7}>
            <Grid container spacing={3}>
              {result && inputs ? (
                <>
                  <Grid item xs={12}>
                    <Results result={result} />
                  </Grid>
                  {inputs.recurringYearlyCosts === 0 && (
                    <Grid item xs={12}>
                      <WarningPanel
                        severity="info"
                        title="No recurring platform cost entered"
                        message="Years 2 and 3 show the gains without the cost of running the platform (team, licences). Enter it under “Projection beyond the period” for the steady state."
                      />
                    </Grid>
                  )}
                  <Grid item xs={12}>
                    <CashFlowChart
                      result={result}
                      rampUpMonths={inputs.rampUpMonths}
                    />
                  </Grid>
                  <Grid item xs={12} md={6}>
                    <GainBreakdownChart result={result} />
                  </Grid>
                  <Grid item xs={12} md={6}>
                    <TornadoChart result={result} />
                  </Grid>
                  <Grid item xs={12}>
                    <YearsTable result={result} />
                  </Grid>
                  <Grid item xs={12}>
                    <HowComputed inputs={inputs} result={result} />
                  </Grid>
                </>
              ) : (
                <Grid item xs={12}>
                  <WarningPanel
                    title="Some inputs need fixing before the results can be computed"
                    message={form.allErrors
                      .map(e => `${e.field}: ${e.message}`)
                      .join('; ')}
                  />
                </Grid>
              )}
            </Grid>
          </Grid>
          <Grid item xs={12}>
            <SavePanel
              details={details}
              onChange={setDetails}
              current={current}
              groups={groups.value ?? []}
              canSave={Boolean(form.inputs)}
              saving={saving}
              onSave={() => save(false)}
              onSaveAsNew={() => save(true)}
              onNew={startNew}
              shareUrl={
                current?.shareToken
                  ? `${window.location.origin}${paths.shared(
                      current.shareToken,
                    )}`
                  : undefined
              }
            />
          </Grid>
          <Grid item xs={12}>
            {list.error ? (
              <ApiErrorPanel
                title="Could not load the saved scenarios"
                error={list.error}
              />
            ) : (
              <SavedScenarios
                items={list.value?.items ?? []}
                loading={list.loading}
                currentId={current?.id}
                compareIds={compareIds}
                onToggleCompare={toggleCompare}
                onOpen={open}
                onDuplicate={duplicate}
                onExport={exportCsv}
                onDelete={remove}
                reportLink={paths.report}
              />
            )}
            {list.value && (list.value.nextCursor || list.value.prevCursor) && (
              <CursorPager
                page={list.value}
                onCursor={setCursor}
                label="Saved scenarios pages"
              />
            )}
          </Grid>
          {compareIds.length > 0 && (
            <Grid item xs={12}>
              <Compare ids={compareIds} />
            </Grid>
          )}
        </Grid>
      </Content>
    </Page>
  );
}
