import { expect, test } from '@playwright/test';
import { signIn } from '../support';
import { demoOrganization, expectDora } from './demoOrganization';

test('a leader reads the organisation’s and two teams’ DORA figures as the generated history gives them', async ({
  page,
}) => {
  const demo = demoOrganization();
  const elite = demo.dora('payments-team');
  const struggling = demo.dora('data-team');
  // The story the history tells: the payments team ships small changes every day, the data
  // team big ones rarely.
  expect(elite.leadTimeCategory).toBe('elite');
  expect(struggling.leadTimeCategory).not.toBe('elite');
  expect(struggling.deployments).toBeLessThan(elite.deployments / 5);

  await signIn(page, '/insights');
  await expect(page.getByRole('note')).toContainText('Demo data');
  if (!demo.quarter.current) {
    await page.getByTestId('window-filter').click();
    await page.getByRole('option', { name: demo.quarter.id }).click();
  }

  // The organisation: every catalogued repository, none of those outside the catalog.
  await expect(
    page.getByRole('heading', {
      name: `Delivery (DORA), organisation, ${demo.quarter.id}`,
    }),
  ).toBeVisible();
  await expectDora(page, demo.dora());

  for (const [team, title, truth] of [
    ['payments-team', 'Payments Team', elite],
    ['data-team', 'Data Team', struggling],
  ] as const) {
    await page.getByTestId('team-filter').click();
    await page.getByRole('option', { name: title, exact: true }).click();
    await expect(
      page.getByRole('heading', {
        name: `Delivery (DORA), group:default/${team}, ${demo.quarter.id}`,
      }),
    ).toBeVisible();
    await expectDora(page, truth);
  }
});
