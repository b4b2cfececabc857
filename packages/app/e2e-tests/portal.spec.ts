import { expect, test } from '@playwright/test';
import { eventually, signIn } from './support';

test.describe('a team member finds a service, its owner and its docs', () => {
  test('the home page offers each persona its way in', async ({ page }) => {
    await signIn(page);
    await expect(
      page.getByRole('heading', { name: 'Acme Developer Portal' }),
    ).toBeVisible();
    for (const persona of ['developers', 'teams', 'leaders']) {
      await expect(
        page.getByRole('region', { name: `For ${persona}` }),
      ).toBeVisible();
    }
    await expect(
      page
        .getByRole('region', { name: 'For developers' })
        .getByText('Create a service'),
    ).toBeVisible();
    await expect(
      page
        .getByRole('region', { name: 'For teams' })
        .getByText('Find a service or its docs'),
    ).toBeVisible();
    // The numbers come from the catalog: the sample organisation has 14 components.
    await eventually(page, () =>
      expect(page.getByLabel('Components', { exact: true })).toHaveText('14', {
        timeout: 5_000,
      }),
    );
  });

  test('browse the catalog, filter by owner, open a component and read its docs', async ({
    page,
  }) => {
    test.setTimeout(240_000);
    await signIn(page, '/catalog');
    await eventually(page, () =>
      expect(page.getByRole('link', { name: 'Checkout Service' })).toBeVisible({
        timeout: 5_000,
      }),
    );
    // The catalog opens on what the guest's team owns (payments); the whole organisation is
    // one click away.
    await page.getByRole('menuitem', { name: /^All \d+/ }).click();
    await expect(
      page.getByRole('link', { name: 'Storefront Web' }),
    ).toBeVisible();

    // Components show their titles; filter by owner: only the payments team's components remain.
    await page.getByRole('textbox', { name: 'Owner' }).click();
    await page.getByRole('option', { name: /payments.team/i }).click();
    await page.keyboard.press('Escape');
    await expect(
      page.getByRole('link', { name: 'Storefront Web' }),
    ).toBeHidden();
    await expect(
      page.getByRole('link', { name: 'Payment Gateway' }),
    ).toBeVisible();

    await page.getByRole('link', { name: 'Checkout Service' }).click();
    await expect(
      page.getByRole('heading', { name: /Checkout Service/ }).first(),
    ).toBeVisible();
    await expect(page.getByText(/payments.team/i).first()).toBeVisible();

    // TechDocs are generated on first read with mkdocs.
    await page.getByRole('link', { name: 'TechDocs', exact: true }).click();
    const docs = page.locator('[data-testid="techdocs-native-shadowroot"]');
    await expect(
      docs.getByRole('heading', { name: /Checkout/ }).first(),
    ).toBeVisible({
      timeout: 90_000,
    });
  });

  test('search finds a component by its name, though the catalog shows its title', async ({
    page,
  }) => {
    test.setTimeout(180_000);
    await signIn(page, '/search?query=payment-gateway');
    const result = page.getByRole('link', { name: /payment.gateway/i }).first();
    await eventually(page, () =>
      expect(result).toBeVisible({ timeout: 5_000 }),
    );
    await result.click();
    await expect(page).toHaveURL(
      /\/catalog\/default\/component\/payment-gateway/,
    );
  });
});
