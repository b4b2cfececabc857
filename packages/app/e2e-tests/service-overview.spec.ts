import { expect, test } from '@playwright/test';
import { eventually, signIn } from './support';

test.describe('service overview', () => {
  // The dev server compiles pages on first visit; give the journey room on a busy machine.
  test.setTimeout(300_000);

  test('a team member filters the services by their team, opens one and sees owner, docs and Kubernetes', async ({
    page,
  }) => {
    await signIn(page, '/services');
    await expect(
      page.getByRole('heading', { name: 'Services' }).first(),
    ).toBeVisible();
    const services = page.getByRole('table', { name: 'Services' });
    await eventually(page, () =>
      expect(
        services.getByRole('link', { name: 'Checkout Service' }),
      ).toBeVisible({
        timeout: 5_000,
      }),
    );

    // Filter by the team: only the payments team's services remain.
    await page
      .getByRole('button', { name: 'Owner', exact: true })
      .first()
      .click();
    await page.getByRole('option', { name: /payments-team/ }).click();
    await expect(
      services.getByRole('link', { name: 'Cart Service' }),
    ).toBeHidden();
    await expect(
      services.getByRole('link', { name: 'Checkout Service' }),
    ).toBeVisible();
    await expect(page.getByText(/^3 services$/)).toBeVisible();

    // Open the service: the overview card names its owner, on-call contact and docs.
    await services.getByRole('link', { name: 'Checkout Service' }).click();
    await expect(page).toHaveURL(
      /\/catalog\/default\/component\/checkout-service/,
    );
    const card = page.getByRole('region', { name: 'Service overview' });
    await expect(
      card.getByRole('link', { name: 'Payments Team' }),
    ).toBeVisible();
    await expect(
      card.getByRole('link', { name: 'tomasz.kowalski' }),
    ).toBeVisible();
    await expect(card.getByRole('link', { name: 'Docs' })).toHaveAttribute(
      'href',
      /\/docs\/default\/component\/checkout-service/,
    );
    await expect(
      card.getByText(/no Kubernetes cluster is configured/),
    ).toBeVisible();

    // The Kubernetes tab is there and says plainly that there is nothing to show yet.
    await page.getByRole('link', { name: 'Kubernetes', exact: true }).click();
    await expect(page).toHaveURL(/\/kubernetes$/);
    await expect(
      page.getByText(/No resources on any known clusters for checkout-service/),
    ).toBeVisible();
  });

  test('catalog hygiene lists the components without docs', async ({
    page,
  }) => {
    await signIn(page, '/services');
    await page.getByRole('tab', { name: 'Catalog hygiene' }).click();
    await page.getByRole('tab', { name: /No docs/ }).click();
    const table = page.getByRole('table', { name: 'No docs' });
    await expect(
      table.getByRole('link', { name: 'Cart Service' }),
    ).toBeVisible();
    await expect(
      table.getByRole('link', { name: 'Checkout Service' }),
    ).toBeHidden();
  });

  test('the coverage page says how to switch GitHub discovery on when it is off', async ({
    page,
  }) => {
    await signIn(page, '/catalog-coverage');
    await expect(
      page.getByRole('heading', { name: 'Not in the catalog yet' }).first(),
    ).toBeVisible();
    await expect(page.getByText('GitHub discovery is off')).toBeVisible();
  });
});
