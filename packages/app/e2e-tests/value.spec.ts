import { expect, test } from '@playwright/test';
import { eventually, signIn } from './support';

/** The first day of the calendar quarter `back` quarters before the current one (UTC). */
function quarterStart(back: number): string {
  const now = new Date();
  const month = Math.floor(now.getUTCMonth() / 3) * 3 - 3 * back;
  const start = new Date(Date.UTC(now.getUTCFullYear(), month, 1));
  return start.toISOString().slice(0, 10);
}

test.describe('a leader holds the business case against what was delivered', () => {
  test('adopts a saved case for a team, opens the next quarter and reads expected against actual', async ({
    page,
  }) => {
    test.setTimeout(300_000);
    const name = `E2E value case ${Date.now()}`;
    // Two quarters ago: quarter 1 and quarter 2 after the start are over.
    const start = quarterStart(2);

    // The business case: the ROI calculator's expected preset (incidents 30 % of 230,000,
    // full effect after 6 months), saved.
    await signIn(page, '/');
    await page.getByRole('link', { name: 'ROI calculator' }).first().click();
    await page.getByRole('button', { name: 'Expected', exact: true }).click();
    await page.getByLabel('Scenario name').fill(name);
    await page.getByRole('button', { name: 'Save scenario' }).click();
    await expect(page.getByText(`Saved “${name}” (version 1)`)).toBeVisible();

    // The guest is a member of the payments team: they adopt it as the team's baseline.
    await page.getByRole('link', { name: 'Value delivered' }).first().click();
    await expect(
      page.getByRole('heading', { name: 'Value delivered' }).first(),
    ).toBeVisible();
    await eventually(
      page,
      () =>
        expect(
          page.getByRole('option', { name: 'payments-team' }),
        ).toBeAttached({ timeout: 10_000 }),
      { timeout: 120_000, interval: 2_000 },
    );
    await page.getByLabel('Scope').selectOption({ label: 'payments-team' });
    await page
      .getByRole('button', { name: /^Adopt (a|another) business case$/ })
      .click();
    const scenario = page.getByLabel('Saved scenario');
    const label = (await scenario.locator('option').allTextContents()).find(
      text => text.startsWith(`${name} (version 1`),
    );
    expect(label).toBeDefined();
    await scenario.selectOption({ label: label! });
    await page.getByLabel('Start date').fill(start);
    await page.getByLabel('Cost per incident').fill('115000');
    await page.getByRole('button', { name: 'Adopt', exact: true }).click();
    await expect(
      page.getByText(
        `“${name}” is the baseline of payments-team from ${start}.`,
      ),
    ).toBeVisible();
    await expect(
      page.getByText(`“${name}” (version 1), the baseline`),
    ).toBeVisible();

    // Quarter 1, then the next quarter.
    const quarter = page.getByLabel('Quarter');
    const options = await quarter.locator('option').allTextContents();
    expect(options[0]).toMatch(new RegExp(`^Quarter 1: ${start} to `));
    await quarter.selectOption({ index: 0 });
    await expect(page.getByTestId('quarter-title')).toHaveText(
      new RegExp(`^Quarter 1: ${start} to`),
    );
    await quarter.selectOption({ index: 1 });
    await expect(page.getByTestId('quarter-title')).toHaveText(
      /^Quarter 2: \d{4}-\d{2}-\d{2} to/,
    );

    // Expected: 230,000 × 30 % ÷ 12 × (4/6 + 5/6 + 6/6) = 14,375 over the whole quarter 2, all
    // of it measured.
    const incidents = page.getByTestId('figure-incidents');
    await expect(incidents).toContainText('€14,375 over the days measured');
    // The actual: a measured figure, or the reason there is none, never a bare 0.
    await expect(incidents).toContainText(/incidents in|No number: /);
    await expect(incidents).toContainText('Coverage:');
    await expect(incidents).toContainText('Insights: incidents');
    for (const id of [
      'productivity',
      'leadTime',
      'timeToRestore',
      'infrastructure',
    ]) {
      await expect(page.getByTestId(`figure-${id}`)).toContainText(
        /Coverage: /,
      );
    }
    await expect(page.getByText(/^Realised ROI/)).toBeVisible();
  });
});
