import { configure, screen, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  failing,
  expectErrorPanel,
} from '@internal/plugin-portal-react/testUtils';
import { insightsApiRef } from '../api';
import { mockInsightsApi } from '../testing/fixtures';
import { CohortComparisonSection, yearTo } from './CohortComparison';

configure({ asyncUtilTimeout: 5_000 });

const render = (api: ReturnType<typeof mockInsightsApi>, group?: string) =>
  renderInTestApp(<CohortComparisonSection group={group} to="2026-10-01" />, {
    apis: [[insightsApiRef, api]],
  });

describe('CohortComparisonSection', () => {
  it('asks for the year to the end of the chosen quarter, for the chosen team', async () => {
    const api = mockInsightsApi();
    await render(api, 'group:default/storefront-team');
    await screen.findByTestId('cohort-comparison');
    expect(api.getCohorts).toHaveBeenCalledWith({
      group: 'group:default/storefront-team',
      from: '2025-10-01',
      to: '2026-10-01',
    });
    expect(yearTo('2026-04-01')).toEqual({
      from: '2025-04-01',
      to: '2026-04-01',
    });
  });

  it('shows golden path against off-road with what stands behind each side, and the verdicts', async () => {
    await render(mockInsightsApi());
    const table = await screen.findByTestId('golden-path-vs-off-road');
    expect(within(table).getByText('Golden path')).toBeInTheDocument();
    // Off-road 10 of 12 services deployed over 52 weeks; golden path 8 of 8.
    expect(table).toHaveTextContent('12 services (10 deployed), 52 weeks');
    expect(table).toHaveTextContent('8 services (8 deployed), 52 weeks');
    // 2 → 3 deployments per service-week: (3 − 2) ÷ 2 = +50 %, better.
    const frequency = screen.getByTestId(
      'golden-path-vs-off-road-deploymentFrequency',
    );
    expect(frequency).toHaveTextContent('2.00');
    expect(frequency).toHaveTextContent('3.00');
    expect(frequency).toHaveTextContent('+50%');
    expect(within(frequency).getByText('Better')).toBeInTheDocument();
    // 30 h → 12 h: (12 − 30) ÷ 30 = −60 %, better.
    const lead = screen.getByTestId('golden-path-vs-off-road-leadTime');
    expect(lead).toHaveTextContent('30.0 h');
    expect(lead).toHaveTextContent('12.0 h');
    expect(lead).toHaveTextContent('-60%');
    // 10 % → 4 %: −6 points ≥ 5, better.
    expect(
      screen.getByTestId('golden-path-vs-off-road-changeFailureRate'),
    ).toHaveTextContent('-6.0 pts');
    // 5 h → 4.8 h: −4 % < 10 %, similar.
    const restore = screen.getByTestId('golden-path-vs-off-road-timeToRestore');
    expect(restore).toHaveTextContent('-4%');
    expect(within(restore).getByText('Similar')).toBeInTheDocument();
  });

  it('gives no verdict before against after when the samples are too small, and says why', async () => {
    await render(mockInsightsApi());
    const pooled = await screen.findByTestId('before-vs-after');
    expect(pooled).toHaveTextContent('3 services (3 deployed), 25 weeks');
    expect(within(pooled).getAllByText('Too few to say')).toHaveLength(4);
    expect(pooled).toHaveTextContent(
      'baseline: 3 services with deployments (needs 5); candidate: 3 services with deployments (needs 5)',
    );
    expect(within(pooled).queryByText('Better')).toBeNull();

    const team = screen.getByTestId('team-group:default/storefront-team');
    expect(team).toHaveTextContent('2026-04-01');
    expect(team).toHaveTextContent('first golden-path service');
    expect(team).toHaveTextContent('30.0 h → 20.0 h');
    expect(screen.getByTestId('cohort-comparison')).toHaveTextContent(
      'Not adopted yet (no golden-path service, no date set): group:default/legacy-team',
    );
  });

  it('shows the error when the comparison cannot be read', async () => {
    await render(
      mockInsightsApi({ getCohorts: failing('database unavailable') }),
    );
    const panel = await expectErrorPanel('database unavailable');
    expect(panel).toBeInTheDocument();
    expect(screen.queryByTestId('cohort-comparison')).toBeNull();
  });
});
