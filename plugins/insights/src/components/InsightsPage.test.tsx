import { configure, screen, waitFor } from '@testing-library/react';
import userEventLib from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import {
  captureDownloads,
  expectErrorPanel,
  failing,
  refusing,
} from '@internal/plugin-portal-react/testUtils';
import { insightsApiRef } from '../api';
import { emptyDoraSummary, mockInsightsApi } from '../testing/fixtures';
import { InsightsPage } from './InsightsPage';

const userEvent = userEventLib.setup({ delay: null });
configure({ asyncUtilTimeout: 5_000 });

const render = (api: ReturnType<typeof mockInsightsApi>) =>
  renderInTestApp(<InsightsPage />, {
    apis: [
      [insightsApiRef, api],
      [
        catalogApiRef,
        catalogApiMock({
          entities: [
            {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'Group',
              metadata: { name: 'storefront-team', title: 'Storefront Team' },
              spec: { type: 'team', children: [] },
            },
          ],
        }),
      ],
    ],
  });

describe('InsightsPage', () => {
  it('shows progress while the figures load', async () => {
    const never = () => new Promise<never>(() => {});
    await render(mockInsightsApi({ getDora: never, getAdoption: never }));
    expect(await screen.findByText('Insights')).toBeInTheDocument();
    expect((await screen.findAllByRole('progressbar')).length).toBeGreaterThan(
      0,
    );
    expect(screen.getByRole('button', { name: 'Export CSV' })).toBeDisabled();
  });

  it("shows the organisation's delivery metrics, adoption and satisfaction", async () => {
    const api = mockInsightsApi();
    await render(api);
    expect(await screen.findByTestId('dora-lead-time')).toHaveTextContent(
      '20.5 h',
    );
    expect(
      screen.getByText(/^Delivery \(DORA\), organisation, \d{4}-Q[1-4]$/),
    ).toBeInTheDocument();
    expect(screen.getByTestId('dora-change-failure-rate')).toHaveTextContent(
      '7.7%',
    );
    expect(screen.getByTestId('dora-time-to-restore')).toHaveTextContent(
      '30 min',
    );
    expect(await screen.findByText('Team adoption')).toBeInTheDocument();
    expect(screen.getByText('60.0%')).toBeInTheDocument();
    expect(
      screen.getByText(/Developer satisfaction, .* \(withheld\)/),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Export CSV' })).toBeEnabled();
    expect(api.getDora).toHaveBeenCalledWith(
      expect.objectContaining({ group: undefined }),
    );
  });

  it('says no repository is in scope when no component names one', async () => {
    await render(
      mockInsightsApi({ getDora: jest.fn(async () => emptyDoraSummary) }),
    );
    expect(
      await screen.findByText(/No repository in scope/),
    ).toBeInTheDocument();
    expect(screen.getByTestId('dora-lead-time')).toHaveTextContent('—');
  });

  it('says the delivery metrics could not be loaded, and why', async () => {
    await render(
      mockInsightsApi({
        getDora: failing('database unavailable'),
      }),
    );
    await expectErrorPanel('database unavailable');
    expect(screen.getByRole('button', { name: 'Export CSV' })).toBeDisabled();
  });

  it('tells a person without the permission that they may not see the figures', async () => {
    await render(
      mockInsightsApi({
        getDora: refusing('insights.metrics.read is required'),
        getAdoption: refusing('insights.metrics.read is required'),
        getSurveyResults: refusing('insights.survey.results.read is required'),
      }),
    );
    await waitFor(() =>
      expect(
        screen.getAllByText('You are not allowed to see this'),
      ).toHaveLength(3),
    );
    expect(
      screen.getByText('insights.survey.results.read is required'),
    ).toBeInTheDocument();
    expect(screen.queryByTestId('dora-lead-time')).toBeNull();
  });
});

/** The quarter the page shows, as a person reads it in the heading. */
async function shownQuarter(scope: string): Promise<string> {
  const heading = await screen.findByText(
    new RegExp(`^Delivery \\(DORA\\), ${scope}, \\d{4}-Q[1-4]$`),
  );
  return heading.textContent!.split(', ').at(-1)!;
}

/** The fixtures' window, as the CSV writes it. */
const WINDOW = '2026-10-01T00:00:00.000Z,2026-12-31T23:59:59.999Z';

describe('InsightsPage, the CSV export', () => {
  let capture: ReturnType<typeof captureDownloads>;
  beforeEach(() => {
    capture = captureDownloads();
  });
  afterEach(() => capture.restore());

  it("downloads the organisation's figures of the quarter shown", async () => {
    await render(mockInsightsApi());
    const quarter = await shownQuarter('organisation');
    await screen.findByText('Team adoption');
    await userEvent.click(screen.getByRole('button', { name: 'Export CSV' }));

    await waitFor(() => expect(capture.downloads).toHaveLength(1));
    const [file] = capture.downloads;
    expect(file.filename).toBe(`insights-organisation-${quarter}.csv`);
    expect(file.type).toBe('text/csv;charset=utf-8');
    const lines = (await file.text()).split('\r\n');
    expect(lines[0]).toBe(
      'section,scope,from,to,metric,value,unit,category_or_target,status',
    );
    // the figures the page shows: lead time 20.5 h, 4 of 52 deployments failed, 60% adoption
    expect(lines).toContain(
      `dora,organisation,${WINDOW},leadTimeMedian,20.5,hours,high,`,
    );
    expect(lines).toContain(
      `dora,organisation,${WINDOW},failedDeployments,4,count,,`,
    );
    expect(lines).toContain(
      `kpi,organisation,${WINDOW},teamAdoption,0.6,fraction,≥ 80%,not met`,
    );
    // the survey is withheld this quarter: its KPIs are there, without a value
    expect(lines).toContain(
      `kpi,organisation,${WINDOW},nps,,score,above 30,no data`,
    );
  });

  it("downloads a team's figures under the team's name once it is chosen", async () => {
    const api = mockInsightsApi();
    await render(api);
    const quarter = await shownQuarter('organisation');
    await userEvent.click(screen.getByRole('button', { name: /^Team/ }));
    await userEvent.click(
      await screen.findByRole('option', { name: 'Storefront Team' }),
    );
    await shownQuarter('group:default/storefront-team');
    await waitFor(() =>
      expect(api.getDora).toHaveBeenLastCalledWith(
        expect.objectContaining({ group: 'group:default/storefront-team' }),
      ),
    );
    await userEvent.click(
      await screen.findByRole('button', { name: 'Export CSV' }),
    );

    await waitFor(() => expect(capture.downloads).toHaveLength(1));
    const [file] = capture.downloads;
    expect(file.filename).toBe(
      `insights-group_default_storefront-team-${quarter}.csv`,
    );
    expect((await file.text()).split('\r\n')).toContain(
      `dora,group:default/storefront-team,${WINDOW},leadTimeMedian,20.5,hours,high,`,
    );
  });
});
