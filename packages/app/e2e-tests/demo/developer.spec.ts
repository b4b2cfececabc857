import { expect, test } from '@playwright/test';
import { eventually, signIn } from '../support';
import { demoOrganization } from './demoOrganization';

test('a developer finds the repositories of the organisation that are not in the catalog yet', async ({
  page,
}) => {
  const demo = demoOrganization();
  const total = demo.catalogued.length + demo.uncatalogued.length;

  await signIn(page, '/catalog-coverage');
  await expect(page.getByRole('note')).toContainText('Demo data');
  // GitHub discovery scans the organisation half a minute after the start.
  await eventually(page, () =>
    expect(
      page.getByText(/repositories of acme-retail have an entity/),
    ).toHaveText(
      new RegExp(
        `^${demo.catalogued.length} of ${total} repositories of acme-retail have an entity in the catalog`,
      ),
      { timeout: 5_000 },
    ),
  );
  await expect(page.getByLabel('coverage share')).toHaveText(
    `${((demo.catalogued.length / total) * 100).toFixed(1)} %`,
  );

  // Each repository the generator made without a catalog-info.yaml, with its last push.
  const table = page.getByRole('table', {
    name: 'Repositories not in the catalog',
  });
  await expect(table.getByRole('row')).toHaveCount(
    demo.uncatalogued.length + 1,
  );
  for (const [name] of demo.uncatalogued) {
    const row = table.getByRole('row', {
      name: new RegExp(`acme-retail/${name}\\b`),
    });
    await expect(row).toContainText(demo.lastPush(name)!.slice(0, 10));
  }
});
