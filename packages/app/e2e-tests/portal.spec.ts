import { expect, test } from '@playwright/test';
import { eventually, signIn } from './support';

test.describe('a team member finds a service, its owner and its docs', () => {
  test('the home page offers each persona its way in', async ({ page }) => {
    await signIn(page);
    await expect(page.getByRole('heading', { name: 'Acme Developer Portal' })).toBeVisible();
    for (const persona of ['developers', 'teams', 'leaders']) {
      await expect(page.getByRole('region', { name: `For ${persona}` })).toBeVisible();
    }
    await expect(
      page.getByRole('region', { name: 'For developers' }).getByText('Create a service'),
    ).toBeVisible();
    await expect(
      page.getByRole('region', { name: 'For teams' }).getByText('Find a service or its docs'),
    ).toBeVisible();
    // The numbers come from the catalog: the sample organisation has 14 components.
    await eventually(page, () =>
      expect(page.getByLabel('Components', { exact: true })).toHaveText('14', { timeout: 5_000 }),
    );
  });

  test('browse the catalog, filter by owner, open a component and read its docs', async ({
    page,
  }) => {
    await signIn(page, '/catalog');
    await eventually(page, () =>
      expect(page.getByRole('link', { name: 'checkout-service' })).toBeVisible({ timeout: 5_000 }),
    );
    await expect(page.getByRole('link', { name: 'storefront-web' })).toBeVisible();

    // Filter by owner: only the payments team's components remain.
    await page.getByRole('combobox', { name: 'Owner' }).click();
    await page.getByRole('option', { name: /payments-team/ }).click();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('link', { name: 'storefront-web' })).toBeHidden();
    await expect(page.getByRole('link', { name: 'payment-gateway' })).toBeVisible();

    await page.getByRole('link', { name: 'checkout-service' }).click();
    await expect(page.getByRole('heading', { name: /checkout-service/ }).first()).toBeVisible();
    await expect(page.getByText('payments-team').first()).toBeVisible();

    // TechDocs are generated on first read with mkdocs.
    await page.getByRole('tab', { name: 'TechDocs' }).click();
    const docs = page.locator('[data-testid="techdocs-native-shadowroot"]');
    await expect(docs.getByRole('heading', { name: /Checkout/ }).first()).toBeVisible({
      timeout: 90_000,
    });
  });

  test('search finds a component by name', async ({ page }) => {
    await signIn(page, '/search?query=payment-gateway');
    await eventually(page, () =>
      expect(page.getByRole('link', { name: /payment-gateway/i }).first()).toBeVisible({
        timeout: 5_000,
      }),
    );
    await page.getByRole('link', { name: /payment-gateway/i }).first().click();
    await expect(page).toHaveURL(/\/catalog\/default\/component\/payment-gateway/);
  });
});
