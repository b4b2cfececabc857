import { expect, test } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { signIn } from './support';

// The local git host keeps its repositories here (see docs/golden-paths.md).
const dataDir = path.resolve(__dirname, '../../../.data');

test.describe('a developer creates a service from a golden path', () => {
  const name = `e2e-svc-${Date.now().toString(36)}`;

  test.afterAll(() => {
    // Remove what the journey created; the catalog forgets it within a minute.
    fs.rmSync(path.join(dataDir, 'git', `${name}.git`), {
      recursive: true,
      force: true,
    });
    fs.rmSync(path.join(dataDir, 'git-checkouts', name), {
      recursive: true,
      force: true,
    });
  });

  test('create a TypeScript service, open it in the catalog and read its docs', async ({
    page,
  }) => {
    test.setTimeout(240_000);
    await signIn(page, '/create');

    // The Create page lists the golden paths.
    for (const title of [
      'TypeScript HTTP service',
      'Web front end',
      'TypeScript library',
      'Documentation site',
    ]) {
      await expect(
        page.getByText(title, { exact: true }).first(),
      ).toBeVisible();
    }
    // The innermost card holding the title (the card list itself holds every title).
    const card = page
      .locator('.MuiCard-root')
      .filter({ hasText: 'TypeScript HTTP service' })
      .last();
    await card.getByRole('button', { name: /choose/i }).click();

    // Step 1: describe it. An invalid name is refused by the form.
    const nameField = page.getByRole('textbox', { name: 'Name' });
    await nameField.fill('Not_A_Valid_Name');
    await page
      .getByRole('textbox', { name: 'Description' })
      .fill('Created by the golden-path journey');
    // The owner must be a team the user belongs to: locally the guest is in the payments team.
    await page.getByRole('textbox', { name: 'Owner' }).click();
    await page
      .getByRole('option', { name: /payments.team/i })
      .first()
      .click();
    await page.getByRole('textbox', { name: 'System' }).click();
    await page
      .getByRole('option', { name: /developer.platform/i })
      .first()
      .click();
    await page.getByRole('button', { name: 'Next' }).click();
    await expect(page.getByText(/must match pattern/i).first()).toBeVisible();
    // A name the catalog already holds is refused by the form too, before any task starts.
    await nameField.fill('checkout-service');
    await page.getByRole('button', { name: 'Next' }).click();
    await expect(
      page.getByText(/"checkout-service" is already in the catalog/).first(),
    ).toBeVisible();
    await nameField.fill(name);
    await page.getByRole('button', { name: 'Next' }).click();

    // Step 2: where it goes: the local git host, the dev environment, no database.
    await expect(page.getByText('Repository host').first()).toBeVisible();
    await page.getByRole('button', { name: 'Review' }).click();
    await expect(page.getByText(name).first()).toBeVisible();
    await page.getByRole('button', { name: 'Create' }).click();

    // The task page shows each step, and links to the result once they are done.
    await expect(page.getByText('Check the name').first()).toBeVisible({
      timeout: 30_000,
    });
    await expect(
      page.getByText('Publish to the local git host').first(),
    ).toBeVisible();
    const openInCatalog = page.getByRole('link', { name: 'Open in catalog' });
    await expect(openInCatalog).toBeVisible({ timeout: 120_000 });
    await expect(page.getByText(`.data/git/${name}.git`).first()).toBeVisible();

    // The new component is in the catalog with its owner and system.
    await openInCatalog.click();
    await expect(page).toHaveURL(
      new RegExp(`/catalog/default/component/${name}`),
    );
    await expect(
      page.getByRole('heading', { name: new RegExp(name) }).first(),
    ).toBeVisible();
    await expect(
      page.getByRole('link', { name: 'Payments Team' }).first(),
    ).toBeVisible();
    await expect(
      page.getByRole('link', { name: 'Developer Platform' }).first(),
    ).toBeVisible();
    await expect(
      page.getByText('Kubernetes', { exact: true }).first(),
    ).toBeVisible();

    // Its docs, built by TechDocs from the repository's docs/ folder.
    await page.getByText('TechDocs', { exact: true }).first().click();
    const docs = page.locator('[data-testid="techdocs-native-shadowroot"]');
    await expect(
      docs.getByRole('heading', { name: new RegExp(name) }).first(),
    ).toBeVisible({
      timeout: 120_000,
    });
    await expect(
      docs.getByRole('heading', { name: 'Endpoints' }).first(),
    ).toBeVisible();
  });
});
