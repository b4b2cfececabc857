import { expect, Page } from '@playwright/test';

/** Opens the portal and signs in as the guest user (the local sign-in option). */
export async function signIn(page: Page, path = '/') {
  await page.goto(path);
  const enter = page.getByRole('button', { name: 'Enter' });
  const sidebar = page.getByRole('link', { name: 'Home', exact: true }).first();
  await enter.or(sidebar).first().waitFor();
  if (await enter.isVisible()) {
    await enter.click();
  }
  await expect(sidebar).toBeVisible();
}

/** Reloads until `check` passes: the catalog and the search index fill in the background. */
export async function eventually(
  page: Page,
  check: () => Promise<void>,
  { timeout = 120_000, interval = 5_000 } = {},
) {
  const deadline = Date.now() + timeout;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await page.waitForTimeout(interval);
      await page.reload();
    }
  }
}
