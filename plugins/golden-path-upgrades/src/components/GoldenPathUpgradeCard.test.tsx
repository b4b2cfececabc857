import type { GoldenPathPrepareResult } from '@internal/plugin-golden-path-upgrades-common';
import {
  apiError,
  expectErrorPanel,
  failing,
} from '@internal/plugin-portal-react/testUtils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { checkoutStatus, openUpgrade } from '../__testUtils__/fixtures';
import { component, renderCard as render } from '../__testUtils__/renderCard';

jest.setTimeout(20_000);

describe('GoldenPathUpgradeCard', () => {
  it('shows the version, how far behind, the deprecation, the changelog and the open upgrade', async () => {
    const api = await render({ permitted: true });
    expect(
      await screen.findByText('typescript-service 1.0.0, latest 1.2.0'),
    ).toBeInTheDocument();
    expect(api.getEntityStatus).toHaveBeenCalledWith(
      'component:default/checkout',
    );
    expect(screen.getByText('2 versions behind')).toBeInTheDocument();
    expect(
      screen.getByText('1.0.0: Deprecated: sunset 2027-03-31, 118 days left'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Use 1.2.0, which scans images.'),
    ).toBeInTheDocument();

    const changelog = await screen.findByRole('list', { name: 'Changelog' });
    expect(
      within(changelog)
        .getAllByRole('listitem')
        .map(item => item.textContent),
    ).toEqual([
      '1.2.0 (2026-12-10) The deploy workflow runs the image scan before the push. Why: A vulnerable image must never reach the registry.',
      '1.1.0 (2026-10-01) Services record what they were made from. Why: Upgrades need the values a service was made with.',
    ]);

    expect(
      screen.getByRole('link', { name: 'Pull request #42' }),
    ).toHaveAttribute('href', openUpgrade.url);
    expect(
      within(
        screen.getByRole('list', { name: 'Files needing a person' }),
      ).getByText('.github/workflows/deploy.yaml'),
    ).toBeInTheDocument();
  });

  it('prepares the upgrade, shows progress, then the link and the files needing a person', async () => {
    let finish: (result: GoldenPathPrepareResult) => void = () => {};
    const prepared: GoldenPathPrepareResult = {
      state: 'prepared',
      to: '1.2.0',
      upgrade: {
        ...openUpgrade,
        pullRequestNumber: 43,
        url: 'https://github.com/acme/checkout/pull/43',
        conflicts: ['src/index.ts'],
      },
    };
    const api = await render({
      permitted: true,
      api: {
        prepareUpgrade: jest.fn(
          () =>
            new Promise<GoldenPathPrepareResult>(resolve => {
              finish = resolve;
            }),
        ),
      },
    });
    const button = await screen.findByRole('button', {
      name: 'Prepare upgrade now',
    });
    await waitFor(() => expect(button).toBeEnabled());
    await userEvent.click(button);
    expect(api.prepareUpgrade).toHaveBeenCalledWith(
      'component:default/checkout',
    );
    expect(await screen.findByRole('status')).toHaveTextContent(
      'Preparing the upgrade',
    );

    finish(prepared);
    await waitFor(() =>
      expect(screen.getByRole('status')).toHaveTextContent(
        'Upgrade prepared (1.2.0)',
      ),
    );
    const outcome = screen.getByRole('status');
    expect(
      within(outcome).getByRole('link', { name: 'Pull request #43' }),
    ).toHaveAttribute('href', 'https://github.com/acme/checkout/pull/43');
    expect(within(outcome).getByText('src/index.ts')).toBeInTheDocument();
    // the status is read again, so the card shows the upgrade as it now stands
    await waitFor(() => expect(api.getEntityStatus).toHaveBeenCalledTimes(2));
  });

  it('disables the button for an opted-out or up-to-date service, with the reason', async () => {
    await render({
      permitted: true,
      entity: component('ledger'),
      api: {
        getEntityStatus: jest.fn(async () => ({
          ...checkoutStatus,
          entityRef: 'component:default/ledger',
          upgrade: undefined,
          optOutReason: 'Frozen until the audit ends in January.',
        })),
      },
    });
    expect(
      await screen.findByText(
        'Opted out: Frozen until the audit ends in January.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Prepare upgrade now' }),
    ).toBeDisabled();
  });

  it('shows what the backend answered when there was nothing to prepare', async () => {
    await render({
      permitted: true,
      api: {
        prepareUpgrade: jest.fn(async () => ({
          state: 'not-a-golden-path' as const,
          reason: 'acme/checkout has no .golden-path.json on main',
        })),
      },
    });
    const button = await screen.findByRole('button', {
      name: 'Prepare upgrade now',
    });
    await waitFor(() => expect(button).toBeEnabled());
    await userEvent.click(button);
    const outcome = await screen.findByText(
      'No golden path record in the repository',
    );
    expect(outcome.closest('[role="status"]')).toHaveTextContent(
      'acme/checkout has no .golden-path.json on main',
    );
  });

  it('lets the team adopt a repository without a record, as stated or inferred', async () => {
    const adopt = jest.fn(async () => ({
      adoption: {
        entityRef: 'component:default/checkout',
        template: 'typescript-service',
        version: '1.0.0',
        method: 'inferred' as const,
        linesDiffering: 4,
        adoptedBy: 'user:default/elena.rossi',
      },
      result: {
        state: 'prepared' as const,
        to: '1.2.0',
        upgrade: { ...openUpgrade, conflicts: ['catalog-info.yaml'] },
      },
    }));
    await render({
      permitted: true,
      api: {
        getEntityStatus: jest.fn(async () => ({
          ...checkoutStatus,
          versions: ['1.2.0', '1.1.0', '1.0.0'],
        })),
        prepareUpgrade: jest.fn(async () => ({
          state: 'not-a-golden-path' as const,
        })),
        adopt,
      },
    });
    const prepare = await screen.findByRole('button', {
      name: 'Prepare upgrade now',
    });
    await waitFor(() => expect(prepare).toBeEnabled());
    await userEvent.click(prepare);
    const select = await screen.findByRole('combobox', {
      name: 'Made from version',
    });
    expect(
      within(select)
        .getAllByRole('option')
        .map(o => o.textContent),
    ).toEqual([
      'the closest version (let the portal infer)',
      '1.2.0',
      '1.1.0',
      '1.0.0',
    ]);
    await userEvent.click(
      screen.getByRole('button', { name: 'Adopt and prepare upgrade' }),
    );
    expect(adopt).toHaveBeenCalledWith('component:default/checkout', {});
    expect(
      await screen.findByText(
        'Adopted as typescript-service 1.0.0 (inferred by the portal, 4 lines differ from its render); the upgrade adds .golden-path.json.',
      ),
    ).toBeInTheDocument();
    expect(
      await screen.findByText('Upgrade prepared (1.2.0)'),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('combobox', { name: 'Made from version' }),
    ).not.toBeInTheDocument();
  });

  it('sends the version the team states', async () => {
    const adopt = jest.fn(async () => ({
      adoption: {
        entityRef: 'component:default/checkout',
        template: 'typescript-service',
        version: '1.1.0',
        method: 'stated' as const,
        adoptedBy: 'user:default/elena.rossi',
      },
      result: {
        state: 'team-commits-kept' as const,
        branch: 'golden-path-upgrade/typescript-service',
      },
    }));
    await render({
      permitted: true,
      api: {
        getEntityStatus: jest.fn(async () => ({
          ...checkoutStatus,
          versions: ['1.2.0', '1.1.0', '1.0.0'],
        })),
        prepareUpgrade: jest.fn(async () => ({
          state: 'not-a-golden-path' as const,
        })),
        adopt,
      },
    });
    const prepare = await screen.findByRole('button', {
      name: 'Prepare upgrade now',
    });
    await waitFor(() => expect(prepare).toBeEnabled());
    await userEvent.click(prepare);
    await userEvent.selectOptions(
      await screen.findByRole('combobox', { name: 'Made from version' }),
      '1.1.0',
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Adopt and prepare upgrade' }),
    );
    expect(adopt).toHaveBeenCalledWith('component:default/checkout', {
      version: '1.1.0',
    });
    expect(
      await screen.findByText(
        'Your team has pushed to the upgrade branch: it is left as it is',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /Adopted as typescript-service 1.1.0 \(stated by user:default\/elena.rossi\)/,
      ),
    ).toBeInTheDocument();
  });

  it('shows the reason the backend gave for a refusal', async () => {
    await render({
      permitted: true,
      api: {
        prepareUpgrade: jest.fn(async () => {
          throw apiError(
            409,
            'ConflictError',
            'An upgrade of acme/checkout is being prepared',
          );
        }),
      },
    });
    const button = await screen.findByRole('button', {
      name: 'Prepare upgrade now',
    });
    await waitFor(() => expect(button).toBeEnabled());
    await userEvent.click(button);
    expect(
      await expectErrorPanel(
        'An upgrade of acme/checkout is being prepared',
        'The upgrade was not prepared',
      ),
    ).toBeInTheDocument();
  });

  it('says so when the changelog could not be loaded, and still shows the status', async () => {
    await render({
      permitted: true,
      api: { getTemplates: jest.fn(failing('The catalog is unreachable')) },
    });
    expect(
      await expectErrorPanel(
        'The catalog is unreachable',
        'Could not load the changelog',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('typescript-service 1.0.0, latest 1.2.0'),
    ).toBeInTheDocument();
  });

  it('shows why the status could not be loaded', async () => {
    await render({
      api: { getEntityStatus: jest.fn(failing('The catalog is unreachable')) },
    });
    expect(
      await expectErrorPanel(
        'The catalog is unreachable',
        'Could not load the golden path status',
      ),
    ).toBeInTheDocument();
  });
});
