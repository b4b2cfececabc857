import { expect, test } from '@playwright/test';

test.describe('a leader assesses platform readiness', () => {
  test('answers the seven factors, sees "Start planning", saves it for a team and finds it in its history', async ({
    page,
  }) => {
    // The dev server compiles the page on first visit: give the journey room.
    test.setTimeout(240_000);
    const note = `e2e readiness ${Date.now()}`;

    await page.goto('/');
    const enter = page.getByRole('button', { name: 'Enter' });
    const home = page.getByRole('link', { name: 'Home', exact: true }).first();
    await enter.or(home).first().waitFor();
    if (await enter.isVisible()) await enter.click();
    await expect(home).toBeVisible();

    await page.getByRole('link', { name: 'Readiness' }).first().click();
    await expect(
      page.getByRole('heading', { name: 'Platform readiness' }),
    ).toBeVisible();

    // Choose the team first: the page then shows its history.
    await page.getByRole('button', { name: /^Group/ }).click();
    await page.getByRole('option', { name: /^Payments Team/ }).click();
    await expect(page.getByText(/History: Payments Team/)).toBeVisible();

    // Seven factors: 72 engineers (50-99 → yellow), then yellow, yellow, yellow, red,
    // 2 days to a first deployment (≤ 2 → red) and 35% of time on infrastructure (≥ 30% → green).
    await page.getByLabel('Engineers', { exact: true }).fill('72');
    const choose = async (factor: string, colour: RegExp) =>
      page
        .getByRole('radiogroup', { name: factor })
        .getByRole('radio', { name: colour })
        .check();
    await choose('Deployment friction', /^Yellow/);
    await choose('Infrastructure complexity', /^Yellow/);
    await choose('Developer complaints', /^Yellow/);
    await choose('Shadow IT', /^Red/);
    await page
      .getByLabel('Days for a new developer to deploy a first service')
      .fill('2');
    await page
      .getByLabel('Share of time on infrastructure and tooling (%)')
      .fill('35');

    // The number picked the colour.
    await expect(
      page
        .getByRole('radiogroup', { name: 'Team size' })
        .getByRole('radio', { name: /^Yellow/ }),
    ).toBeChecked();

    // 4 yellow of 7 → mostly yellow → "Start planning", with its recommendations.
    await expect(page.getByTestId('readiness-verdict')).toHaveText(
      'Start planning',
    );
    await expect(page.getByText('4 yellow')).toBeVisible();
    const recommendations = page.getByTestId('readiness-recommendations');
    await expect(
      recommendations.getByText('Phase 0: Assessment'),
    ).toBeVisible();
    await expect(
      recommendations.getByText('Domain or team scale'),
    ).toBeVisible();
    await expect(
      recommendations.getByText('Embedded platform engineers'),
    ).toBeVisible();
    await expect(recommendations.getByText('12 to 18 months')).toBeVisible();
    // Recommendations cite the guide by title and section.
    await expect(
      recommendations
        .getByText(
          'Platform engineering guide (readiness, roadmap, team structure), Part 3: Strategy & Planning › Building Your Platform Engineering Roadmap',
        )
        .first(),
    ).toBeVisible();

    // Save it for the team and find it in the team's history.
    await page.getByLabel('Note for the record (optional)').fill(note);
    await page.getByRole('button', { name: 'Save for Payments Team' }).click();
    await expect(page.getByTestId('readiness-saved')).toContainText(
      'Saved for Payments Team',
    );
    const row = page
      .getByTestId('readiness-history')
      .getByRole('row', { name: new RegExp(note) });
    await expect(row).toBeVisible();
    await expect(row).toContainText('Start planning');
  });
});
