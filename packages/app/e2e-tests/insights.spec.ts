import { expect, test } from '@playwright/test';
import { signIn } from './support';

test.describe('a leader reads delivery, adoption and satisfaction in Insights', () => {
  test('pick a team and a quarter, read the DORA metrics and KPIs, answer the survey', async ({
    page,
  }) => {
    test.setTimeout(240_000);
    await page.goto('/');
    await signIn(page);

    await page.getByRole('link', { name: 'Insights' }).first().click();
    await expect(
      page.getByRole('heading', { name: 'Insights', exact: true }),
    ).toBeVisible();

    // Team filter: the payments team.
    await page.getByTestId('team-filter').click();
    await page
      .getByRole('option', { name: /payments/i })
      .first()
      .click();
    // Window filter: the previous quarter.
    await page.getByTestId('window-filter').click();
    const options = page.getByRole('option');
    const previous = (await options.nth(1).innerText()).trim();
    await options.nth(1).click();
    await expect(
      page.getByRole('heading', {
        name: `Delivery (DORA), group:default/payments-team, ${previous}`,
      }),
    ).toBeVisible();

    // The four DORA metrics, each with its band and the seed's target.
    await expect(page.getByTestId('dora-deployment-frequency')).toBeVisible({
      timeout: 90_000,
    });
    for (const [id, target] of [
      ['dora-deployment-frequency', 'Multiple times per day (elite)'],
      ['dora-lead-time', 'Less than one day (elite)'],
      ['dora-change-failure-rate', '0-15% (elite/high performing)'],
      ['dora-time-to-restore', 'Less than one hour (elite)'],
    ]) {
      const card = page.getByTestId(id);
      await expect(card).toBeVisible();
      await expect(card.getByTestId('dora-band')).toBeVisible();
      await expect(card).toContainText(target);
    }
    await expect(page.getByTestId('dora-trends')).toBeVisible();

    // Adoption KPIs with their targets and whether they are met.
    const teamAdoption = page.getByTestId('kpi-teamAdoption');
    await expect(teamAdoption).toContainText('Teams on the platform');
    await expect(teamAdoption).toContainText('80%+ of teams');
    await expect(teamAdoption).toContainText(/Met|Not met|No data/);
    await expect(page.getByTestId('kpi-selfServiceCompletion')).toContainText(
      '90%+',
    );
    await expect(page.getByTestId('kpi-catalogCompleteness')).toBeVisible();
    await expect(page.getByTestId('kpi-nps')).toContainText('above 30');
    await expect(page.getByTestId('kpi-satisfaction')).toContainText(
      'above 4/5',
    );

    // Answer the survey (answering again replaces this quarter's answer).
    const survey = page.getByTestId('survey-form');
    await survey
      .getByRole('radiogroup', { name: 'NPS score' })
      .getByLabel('9', { exact: true })
      .check();
    await survey
      .getByRole('radiogroup', { name: 'Satisfaction' })
      .getByLabel('4', { exact: true })
      .check();
    const comment = `Golden paths saved us a week (e2e ${Date.now()})`;
    await survey
      .getByRole('textbox', { name: 'Comment (optional)' })
      .fill(comment);
    await survey.getByRole('button', { name: 'Submit answer' }).click();
    await expect(page.getByTestId('survey-saved')).toBeVisible();

    // The answer is kept: after a reload the form says so. The comment is stored without its
    // author, so it is not shown back.
    await page.reload();
    await expect(page.getByText('You answered this quarter')).toBeVisible();
    await expect(
      page
        .getByTestId('survey-form')
        .getByRole('textbox', { name: 'Comment (optional)' }),
    ).toHaveValue('');
  });

  test('a component has a Delivery tab with its own DORA numbers', async ({
    page,
  }) => {
    test.setTimeout(240_000);
    await page.goto('/');
    await signIn(page, '/catalog/default/component/payment-gateway');
    await page.getByRole('link', { name: 'Delivery', exact: true }).click();
    await expect(page.getByTestId('entity-delivery')).toBeVisible();
    await expect(page.getByTestId('dora-lead-time')).toBeVisible({
      timeout: 90_000,
    });
    await expect(
      page.getByTestId('dora-change-failure-rate').getByTestId('dora-band'),
    ).toBeVisible();
  });
});
