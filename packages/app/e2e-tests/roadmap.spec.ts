import { expect, test } from '@playwright/test';
import { signIn } from './support';

/**
 * A developer on the platform team's public roadmap. Locally the guest is a developer of the
 * payments team, not a platform admin (app-config.yaml, permission.platformAdmins), so the
 * journey is the developer's: propose, vote, withdraw, vote again, and no admin controls.
 * The admin's answer (planned, in its phase and quarter, the proposer notified) is proven by
 * the backend's plugin test and the page's component tests; see docs/roadmap.md.
 */
test.describe('a developer on the roadmap', () => {
  test('sees the phases, proposes an item and votes for it, once', async ({
    page,
  }) => {
    test.setTimeout(180_000);
    const title = `e2e proposal ${Date.now()}`;

    await signIn(page);
    await page.getByRole('link', { name: 'Roadmap' }).first().click();
    await expect(
      page.getByRole('heading', { name: 'Roadmap', exact: true }),
    ).toBeVisible();

    // seed 004's four phases, each with its progress
    for (const phase of [
      'Phase 0: Assessment',
      'Phase 1: Foundation',
      'Phase 2: Expansion',
      'Phase 3: Maturity',
    ]) {
      await expect(page.getByLabel(phase, { exact: true })).toBeVisible();
    }
    await expect(page.getByLabel('Overall progress')).toBeVisible();
    // a developer neither adds items nor answers proposals
    await expect(page.getByRole('button', { name: 'New item' })).toHaveCount(0);

    await page.getByLabel('Proposal', { exact: true }).fill(title);
    await page
      .getByLabel('What it would solve')
      .fill('A preview environment for each pull request');
    await page.getByRole('button', { name: 'Propose' }).click();
    await expect(page.getByText(`Proposal “${title}” sent.`)).toBeVisible();

    const card = page.getByLabel(`Proposal ${title}`);
    await expect(card.getByText('0 votes')).toBeVisible();
    await expect(card.getByText('Open', { exact: true })).toBeVisible();
    await expect(card.getByRole('button', { name: /^Answer/ })).toHaveCount(0);

    await card.getByRole('button', { name: `Vote for ${title}` }).click();
    await expect(card.getByText('1 vote', { exact: true })).toBeVisible();
    // one vote per person: the button now withdraws it
    await card
      .getByRole('button', { name: `Withdraw vote for ${title}` })
      .click();
    await expect(card.getByText('0 votes')).toBeVisible();
    await card.getByRole('button', { name: `Vote for ${title}` }).click();
    await expect(card.getByText('1 vote', { exact: true })).toBeVisible();

    // the vote is kept: after a reload it is still there, and still the guest's
    await page.reload();
    const reloaded = page.getByLabel(`Proposal ${title}`);
    await expect(reloaded.getByText('1 vote', { exact: true })).toBeVisible();
    await expect(
      reloaded.getByRole('button', { name: `Withdraw vote for ${title}` }),
    ).toBeVisible();
  });
});
