import { readFile } from 'fs/promises';
import { expect, test } from '@playwright/test';
import { eventually, signIn } from './support';

test.describe('a leader builds the business case of the platform', () => {
  test('applies a preset, changes productivity, saves, reloads, exports CSV and prints the report', async ({
    page,
  }) => {
    // The development server rebuilds while other plugins change: allow for slow page loads.
    test.setTimeout(300_000);
    const name = `E2E business case ${Date.now()}`;
    await signIn(page, '/');
    await page.getByRole('link', { name: 'ROI calculator' }).first().click();
    await expect(
      page.getByRole('heading', { name: 'ROI calculator' }),
    ).toBeVisible();

    // Example inputs: DevCosts 1,500,000, IncidentCosts 230,000, InfraCosts 278,000,
    // investment 250,000 + 50,000 + 30,000 = 330,000.
    await page.getByRole('button', { name: 'Expected', exact: true }).click();
    const productivity = page.getByTestId('roi-field-improvedProductivityPct');
    await expect(productivity).toHaveValue('20');
    // Expected: 20% × 1,500,000 + 30% × 230,000 + 22.5% × 278,000 = 300,000 + 69,000 + 62,550
    // = 431,550 → ROI (431,550 − 330,000) / 330,000 = 30.77%; payback 330,000 / (431,550 / 12)
    // = 9.18 months
    const roi = page.getByTestId('roi-percent');
    const payback = page.getByTestId('roi-payback');
    await expect(roi).toHaveText('30.77%');
    await expect(payback).toHaveText('9.18 months');
    await expect(
      page.getByText(/Source \(Expected\): Humanitec/),
    ).toBeVisible();

    // 30% (Spotify's figure): gain 450,000 + 69,000 + 62,550 = 581,550
    // → ROI 251,550 / 330,000 = 76.23%; payback 330,000 / (581,550 / 12) = 6.81 months
    await productivity.fill('30');
    await expect(roi).toHaveText('76.23%');
    await expect(payback).toHaveText('6.81 months');

    // A bad value is named and the results wait for a valid one.
    await productivity.fill('130');
    await expect(
      page.getByText('must be between 0 and 100').first(),
    ).toBeVisible();
    await productivity.fill('30');
    await expect(roi).toHaveText('76.23%');

    await page.getByLabel('Scenario name').fill(name);
    await page.getByRole('button', { name: 'Save scenario' }).click();
    await expect(page.getByText(`Saved “${name}” (version 1)`)).toBeVisible();
    await expect(page).toHaveURL(/scenario=/);

    await page.reload({ waitUntil: 'domcontentloaded' });
    await eventually(
      page,
      () =>
        expect(page.getByRole('link', { name, exact: true })).toBeVisible({
          timeout: 20_000,
        }),
      { timeout: 120_000, interval: 1_000 },
    );
    await expect(page.getByLabel('Scenario name')).toHaveValue(name);
    await expect(roi).toHaveText('76.23%');

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: `Export CSV of ${name}` }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(
      /^roi-e2e-business-case-\d+-v1\.csv$/,
    );
    const csv = await readFile((await file.path())!, 'utf8');
    expect(csv).toContain(
      'input,improvedProductivityPct,Improved productivity (%),30,%',
    );
    expect(csv).toContain('result,roiPercent,ROI,76.23,%');
    expect(csv).toContain('result,paybackMonths,Payback,6.81,months');

    await page.getByRole('link', { name: `Report of ${name}` }).click();
    await expect(
      page.getByRole('heading', { name: `Business case: ${name}` }),
    ).toBeVisible();
    await expect(
      page.getByRole('button', { name: 'Print or save as PDF' }),
    ).toBeVisible();
    await expect(page.getByTestId('roi-percent')).toHaveText('76.23%');

    // Clean up: the owner deletes the scenario and its versions.
    await page.getByRole('button', { name: 'Open in the calculator' }).click();
    page.once('dialog', dialog => dialog.accept());
    await page.getByRole('button', { name: `Delete ${name}` }).click();
    await expect(page.getByRole('link', { name, exact: true })).toBeHidden();
  });
});
