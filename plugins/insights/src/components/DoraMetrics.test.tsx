import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { doraSummary } from '../testing/fixtures';
import { DoraMetrics } from './DoraMetrics';

describe('DoraMetrics', () => {
  it('says "met" by the target as printed and shows the band by its own rule', async () => {
    await renderInTestApp(
      <DoraMetrics
        dora={{
          ...doraSummary,
          // 6 of 50 deployments failed: 12%, medium band (> 10%, ≤ 15%), within "0-15%"
          changeFailureRate: {
            deployments: 50,
            failedDeployments: 6,
            rate: 6 / 50,
            category: 'medium',
          },
          // 200 h: not under 168 h ("one day to one week"), low band
          leadTimeForChanges: {
            changes: 10,
            medianHours: 200,
            p90Hours: 300,
            category: 'medium',
          },
        }}
      />,
    );
    const cfr = screen.getByTestId('dora-change-failure-rate');
    expect(cfr).toHaveTextContent('12.0%');
    expect(cfr).toHaveTextContent('Medium');
    expect(cfr).toHaveTextContent(
      'Target: 0-15% (elite/high performing) — met',
    );
    expect(screen.getByTestId('dora-lead-time')).toHaveTextContent(
      'one week (high performing) — not met',
    );
  });
});
