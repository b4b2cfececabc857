import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  expectErrorPanel,
  expectForbiddenPanel,
  failing,
  refusing,
} from '@internal/plugin-portal-react/testUtils';
import { AssessmentSummary } from '@internal/plugin-readiness-common';
import { ReadinessApi, readinessApiRef } from '../api';
import { assessmentSummary } from '../testing/fixtures';
import { LeadersWidget } from './LeadersWidget';

const DAY = 24 * 3600 * 1000;

function assessment(
  groupTitle: string,
  verdict: AssessmentSummary['verdict'],
  daysAgo: number,
): AssessmentSummary {
  return assessmentSummary({
    id: groupTitle,
    groupRef: `group:default/${groupTitle.toLowerCase().replace(/ /g, '-')}`,
    groupTitle,
    verdict,
    assessedAt: new Date(Date.now() - daysAgo * DAY).toISOString(),
  });
}

const render = (latest: ReadinessApi['latest']) =>
  renderInTestApp(<LeadersWidget />, {
    apis: [[readinessApiRef, { latest } as unknown as ReadinessApi]],
  });

describe('LeadersWidget', () => {
  it('shows progress while the verdicts load', async () => {
    await render(() => new Promise(() => {}));
    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
  });

  it('invites to run the assessment when no team has', async () => {
    await render(async () => []);
    expect(
      await screen.findByText(
        /No team has assessed its platform readiness yet/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Run the assessment' }),
    ).toHaveAttribute('href', '/readiness');
  });

  it("lists each group's latest verdict and flags the ones due again", async () => {
    await render(async () => [
      assessment('Payments Team', 'plan', 10),
      assessment('Storefront Team', 'wait', 120),
    ]);
    const payments = (
      await screen.findByRole('link', { name: 'Payments Team' })
    ).closest('li')!;
    expect(payments).toHaveTextContent('Start planning');
    expect(payments).not.toHaveTextContent('due again');
    expect(screen.getByRole('link', { name: 'Payments Team' })).toHaveAttribute(
      'href',
      '/readiness?group=group%3Adefault%2Fpayments-team',
    );
    const storefront = screen
      .getByRole('link', { name: 'Storefront Team' })
      .closest('li')!;
    expect(storefront).toHaveTextContent('Wait; revisit in six months');
    expect(storefront).toHaveTextContent('due again (120 days old)');
  });

  it('says the verdicts could not be loaded, and why', async () => {
    await render(failing('database unavailable'));
    await expectErrorPanel('database unavailable');
    expect(screen.queryByText(/No team has assessed/)).toBeNull();
  });

  it('tells a person without the permission that they may not see them', async () => {
    await render(refusing('readiness.assessment.read is required'));
    await expectForbiddenPanel('readiness.assessment.read is required');
    expect(screen.queryByText(/No team has assessed/)).toBeNull();
  });
});
