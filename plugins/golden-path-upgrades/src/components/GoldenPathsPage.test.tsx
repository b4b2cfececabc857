import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  expectErrorPanel,
  failing,
} from '@internal/plugin-portal-react/testUtils';
import { screen, within } from '@testing-library/react';
import { GoldenPathUpgradesApi, goldenPathUpgradesApiRef } from '../api';
import { openUpgrade, typescriptService } from '../__testUtils__/fixtures';
import { GoldenPathsPage } from './GoldenPathsPage';

jest.setTimeout(20_000);

async function render(getTemplates: GoldenPathUpgradesApi['getTemplates']) {
  const api = {
    getTemplates: jest.fn(getTemplates),
    getEntityStatus: jest.fn(),
    prepareUpgrade: jest.fn(),
    adopt: jest.fn(),
  };
  await renderInTestApp(<GoldenPathsPage />, {
    apis: [[goldenPathUpgradesApiRef, api as GoldenPathUpgradesApi]],
  });
  return api;
}

describe('GoldenPathsPage', () => {
  it('shows per version the services, how far behind, the upgrades and the deprecation', async () => {
    await render(async () => [typescriptService]);
    expect(
      await screen.findByRole('heading', { name: 'typescript-service' }),
    ).toBeInTheDocument();
    expect(screen.getByText('latest 1.2.0')).toBeInTheDocument();
    expect(
      screen.getByText('7 services, 4 behind the latest version, 1 opted out.'),
    ).toBeInTheDocument();

    expect(
      screen.getByRole('figure', {
        name: 'Services per version of typescript-service',
      }),
    ).toBeInTheDocument();

    const table = screen.getByRole('table', {
      name: 'Versions of typescript-service',
    });
    const rows = within(table)
      .getAllByRole('row')
      .slice(1)
      .map(row =>
        within(row)
          .getAllByRole('cell')
          .map(cell => cell.textContent),
      );
    expect(rows).toEqual([
      ['1.2.0', '2026-12-10', '3', 'latest', '0', '2', '0', ''],
      ['1.1.0', '2026-10-01', '1', '1 version', '1', '0', '0', ''],
      [
        '1.0.0',
        '2026-06-01',
        '3',
        '2 versions',
        '2',
        '0',
        '1',
        'Deprecated: sunset 2027-03-31, 118 days left',
      ],
    ]);
  });

  it('names the oldest unmerged upgrade and the opted-out services with their reasons', async () => {
    await render(async () => [typescriptService]);
    expect(
      await screen.findByText(
        /Oldest unmerged upgrade: checkout from 1.0.0 to 1.2.0, prepared 2026-11-20/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Pull request #42' }),
    ).toHaveAttribute('href', openUpgrade.url);
    const optedOut = screen.getByRole('list', {
      name: 'Opted out of typescript-service',
    });
    expect(optedOut).toHaveTextContent(
      'ledger: Frozen until the audit ends in January.',
    );
  });

  it('shows a sunset passed, and leaves out the chart, the oldest upgrade and opt-outs when there is nothing to show', async () => {
    await render(async () => [
      {
        ...typescriptService,
        optedOut: [],
        oldestUnmerged: undefined,
        versions: [
          {
            ...typescriptService.versions[2],
            deprecation: {
              state: 'sunset',
              sunset: '2026-11-30',
              reason: 'Use 1.2.0.',
              daysPast: 1,
            },
          },
        ],
      },
    ]);
    expect(
      await screen.findByText('Sunset 2026-11-30 passed 1 day ago'),
    ).toBeInTheDocument();
    // one version in use: a chart of one bar says nothing the table does not
    expect(screen.queryByRole('figure')).not.toBeInTheDocument();
    expect(screen.queryByText(/Oldest unmerged/)).not.toBeInTheDocument();
    expect(screen.queryByRole('list')).not.toBeInTheDocument();
  });

  it('says when no golden path has versions', async () => {
    await render(async () => []);
    expect(
      await screen.findByText('No golden path has versions yet.'),
    ).toBeInTheDocument();
  });

  it('shows why the golden paths could not be loaded', async () => {
    await render(failing('The catalog is unreachable'));
    expect(
      await expectErrorPanel(
        'The catalog is unreachable',
        'Could not load the golden paths',
      ),
    ).toBeInTheDocument();
  });
});
