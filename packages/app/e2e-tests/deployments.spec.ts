import { expect, Page, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { eventually, signIn } from './support';

// The local git host keeps its repositories here (see docs/golden-paths.md).
const dataDir = path.resolve(__dirname, '../../../.data');

/** The row of an environment on the Deployments tab: its name, what runs there, its buttons. */
function environmentRow(page: Page, environment: string) {
  return page
    .locator('div')
    .filter({
      has: page.getByRole('heading', { name: environment, exact: true }),
    })
    .filter({ has: page.getByRole('button', { name: 'Deploy…' }) })
    .last();
}

/** The followed request on the Deployments tab, by its title. */
function followedRun(page: Page, title: RegExp) {
  return page.getByRole('status').filter({ hasText: title });
}

/** Creates a TypeScript service owned by the payments team on the local git host. */
async function createService(page: Page, name: string) {
  await signIn(page, '/create');
  await page
    .locator('.MuiCard-root')
    .filter({ hasText: 'TypeScript HTTP service' })
    .last()
    .getByRole('button', { name: /choose/i })
    .click();
  await page.getByRole('textbox', { name: 'Name' }).fill(name);
  await page
    .getByRole('textbox', { name: 'Description' })
    .fill('Created by the deployments journey');
  await page.getByRole('textbox', { name: 'Owner' }).click();
  await page
    .getByRole('option', { name: /payments.team/i })
    .first()
    .click();
  await page.getByRole('textbox', { name: 'System' }).click();
  await page
    .getByRole('option', { name: /payment.processing/i })
    .first()
    .click();
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByText('Repository host').first()).toBeVisible();
  await page.getByRole('button', { name: 'Review' }).click();
  await page.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByRole('link', { name: 'Open in catalog' })).toBeVisible(
    { timeout: 120_000 },
  );
}

test.describe('a developer adds a database to a service, then deploys and promotes it', () => {
  const name = `e2e-db-${Date.now().toString(36)}`;

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

  test('add a database to a service the team owns and find the branch to review', async ({
    page,
  }) => {
    test.setTimeout(300_000);
    await createService(page, name);

    // The golden path for an existing service, from the Create page.
    await page.goto('/create');
    await page
      .locator('.MuiCard-root')
      .filter({ hasText: 'Add a PostgreSQL database' })
      .last()
      .getByRole('button', { name: /choose/i })
      .click();
    // Only services of the user's teams are offered.
    await page.getByRole('textbox', { name: 'Service' }).click();
    await expect(
      page.getByRole('option', { name: /payment.gateway/i }).first(),
    ).toBeVisible();
    await expect(
      page.getByRole('option', { name: /identity.service/i }),
    ).toHaveCount(0);
    await page.getByRole('textbox', { name: 'Service' }).fill(name);
    await page
      .getByRole('option', { name: new RegExp(name) })
      .first()
      .click();
    await page.getByRole('button', { name: 'Review' }).click();
    await expect(page.getByText(name).first()).toBeVisible();
    await page.getByRole('button', { name: 'Create' }).click();

    // Each step shows; the output says where the change waits for review.
    await expect(
      page.getByText("Fetch the service's default branch").first(),
    ).toBeVisible({ timeout: 30_000 });
    await expect(
      page.getByText('Review the branch (local git host)').first(),
    ).toBeVisible({ timeout: 120_000 });
    await expect(
      page.getByText(`.data/git/${name}.git portal/add-database`).first(),
    ).toBeVisible();
    await expect(
      page.getByRole('link', { name: 'Open the service in the catalog' }),
    ).toBeVisible();

    // The branch is on the local git host, with the pg client added.
    const bare = path.join(dataDir, 'git', `${name}.git`);
    const packageJson = execFileSync(
      'git',
      ['--git-dir', bare, 'show', 'portal/add-database:package.json'],
      { encoding: 'utf8' },
    );
    expect(JSON.parse(packageJson).dependencies).toHaveProperty('pg');
  });

  test('deploy main to staging, follow the run, promote staging to production', async ({
    page,
  }) => {
    test.setTimeout(240_000);
    // A payments-team service on GitHub (github.com/project-slug acme-retail/payment-gateway).
    await signIn(
      page,
      '/catalog/default/component/payment-gateway/deployments',
    );
    await expect(
      page.getByRole('heading', { name: 'Environments' }),
    ).toBeVisible();
    for (const environment of ['dev', 'staging', 'production']) {
      await expect(environmentRow(page, environment)).toBeVisible();
    }
    // The repository's recent CI runs, the failed one among them.
    const ciRuns = page.getByRole('table', { name: 'CI runs' });
    await expect(ciRuns.getByText('Add request tracing')).toBeVisible();
    await expect(
      ciRuns
        .getByRole('row')
        .filter({ hasText: 'Retry the payment provider on 503' })
        .getByText('failed'),
    ).toBeVisible();

    // Deploy main to staging and follow the run until it succeeds.
    await environmentRow(page, 'staging')
      .getByRole('button', { name: 'Deploy…' })
      .click();
    const dialog = page.getByRole('dialog', { name: 'Deploy to staging' });
    await dialog
      .getByRole('textbox', { name: 'Commit SHA or tag' })
      .fill('main');
    await dialog.getByRole('button', { name: 'Deploy', exact: true }).click();
    const deploy = followedRun(page, /Deploy main to staging/);
    await expect(deploy).toBeVisible();
    await expect(deploy.getByText('succeeded')).toBeVisible({
      timeout: 60_000,
    });
    await expect(
      deploy.getByRole('link', { name: 'Run and logs' }),
    ).toHaveAttribute(
      'href',
      /^https:\/\/github\.com\/acme-retail\/payment-gateway\/actions\/runs\/\d+$/,
    );

    // Staging now runs main; GitHub reported the deployment.
    const running = /Running main \(([0-9a-f]{7})\)/;
    await eventually(
      page,
      () =>
        expect(environmentRow(page, 'staging').getByText(running)).toBeVisible({
          timeout: 5_000,
        }),
      { timeout: 60_000, interval: 3_000 },
    );
    const stagingText = await environmentRow(page, 'staging')
      .getByText(running)
      .innerText();
    const commit = running.exec(stagingText)![1];

    // Promote what runs in staging to production.
    await environmentRow(page, 'staging')
      .getByRole('button', { name: 'Promote to production' })
      .click();
    const promote = followedRun(page, /Promote staging to production/);
    await expect(promote).toBeVisible();
    await expect(promote.getByText('succeeded')).toBeVisible({
      timeout: 60_000,
    });
    await expect(
      promote.getByRole('link', { name: 'Run and logs' }),
    ).toHaveAttribute(
      'href',
      /\/acme-retail\/payment-gateway\/actions\/runs\//,
    );

    // Production runs the same commit.
    await eventually(
      page,
      () =>
        expect(
          environmentRow(page, 'production').getByText(`Running ${commit}`),
        ).toBeVisible({ timeout: 5_000 }),
      { timeout: 60_000, interval: 3_000 },
    );
  });
});
