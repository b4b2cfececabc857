import { screen, waitFor } from '@testing-library/react';
import { component, renderCard as render } from '../__testUtils__/renderCard';

jest.setTimeout(20_000);

// golden-path-upgrades.prepare is denied throughout this file (usePermission caches its answer)
describe('GoldenPathUpgradeCard without the prepare permission', () => {
  it("lets the owning team prepare without the platform admins' permission", async () => {
    await render({
      permitted: false,
      ownership: ['user:default/elena.rossi', 'group:default/payments-team'],
      entity: component('checkout-owned'),
    });
    const button = await screen.findByRole('button', {
      name: 'Prepare upgrade now',
    });
    await waitFor(() => expect(button).toBeEnabled());
  });

  it('disables the button and says why when the person may not prepare', async () => {
    await render({
      permitted: false,
      entity: component('checkout-foreign', 'ledger-team'),
    });
    expect(
      await screen.findByText(
        "Preparing the upgrade needs membership of the team that owns this component, or the platform admins' permission.",
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Prepare upgrade now' }),
    ).toBeDisabled();
  });
});
