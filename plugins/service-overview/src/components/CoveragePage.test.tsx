import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  expectErrorPanel,
  expectForbiddenPanel,
  failing,
  refusing,
} from '@internal/plugin-portal-react/testUtils';
import {
  CoverageSummary,
  UncataloguedRepository,
} from '@internal/plugin-service-overview-common';
import { ServiceOverviewApi, serviceOverviewApiRef } from '../api';
import { CoveragePage } from './CoveragePage';

const coverage: CoverageSummary = {
  configured: true,
  organizations: ['acme'],
  repositories: 60,
  covered: 30,
  share: 0.5,
};

/** 30 repositories not in the catalog, `acme/repo-1` to `acme/repo-30`. */
const uncatalogued: UncataloguedRepository[] = Array.from(
  { length: 30 },
  (_, i) => ({
    organization: 'acme',
    name: `repo-${i + 1}`,
    url: `https://github.com/acme/repo-${i + 1}`,
    language: 'TypeScript',
  }),
);

async function render(api: Partial<ServiceOverviewApi>) {
  const mock = {
    getCoverage: jest.fn(async () => coverage),
    getUncatalogued: jest.fn(async (offset: number, limit: number) => ({
      items: uncatalogued.slice(offset, offset + limit),
      totalItems: uncatalogued.length,
    })),
    ...api,
  };
  await renderInTestApp(<CoveragePage />, {
    apis: [[serviceOverviewApiRef, mock as unknown as ServiceOverviewApi]],
  });
  return mock;
}

describe('CoveragePage', () => {
  it('shows progress while the coverage loads', async () => {
    await render({ getCoverage: () => new Promise(() => {}) });
    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
  });

  it('explains how to turn discovery on when no organisation is configured', async () => {
    await render({
      getCoverage: async () => ({
        configured: false,
        organizations: [],
        repositories: 0,
        covered: 0,
        share: null,
      }),
    });
    expect(
      await screen.findByText(/GitHub discovery is off/),
    ).toBeInTheDocument();
  });

  it('says every repository is in the catalog when none is missing', async () => {
    await render({
      getCoverage: async () => ({ ...coverage, covered: 60, share: 1 }),
      getUncatalogued: async () => ({ items: [], totalItems: 0 }),
    });
    expect(
      await screen.findByText('Every repository is in the catalog.'),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('coverage share')).toHaveTextContent(
      '100.0 %',
    );
  });

  it('shows the share covered and pages through the missing repositories', async () => {
    const user = userEvent.setup();
    const api = await render({});
    expect(await screen.findByLabelText('coverage share')).toHaveTextContent(
      '50.0 %',
    );
    expect(
      screen.getByText(/30 of 60 repositories of acme have an entity/),
    ).toBeInTheDocument();
    expect(await screen.findByText('1–25 of 30')).toBeInTheDocument();
    expect(screen.getByText('acme/repo-1')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByText('26–30 of 30')).toBeInTheDocument();
    expect(screen.getByText('acme/repo-30')).toBeInTheDocument();
    expect(api.getUncatalogued).toHaveBeenLastCalledWith(25, 25);
    expect(screen.getByRole('button', { name: 'Next' })).toBeDisabled();
  });

  it('says the coverage could not be loaded, and why', async () => {
    await render({
      getCoverage: failing('GitHub did not answer'),
    });
    await expectErrorPanel('GitHub did not answer');
    expect(screen.queryByLabelText('coverage share')).toBeNull();
  });

  it('tells a person without the permission that they may not see it', async () => {
    await render({
      getCoverage: refusing('only platform admins see coverage'),
    });
    await expectForbiddenPanel('only platform admins see coverage');
    expect(screen.queryByLabelText('coverage share')).toBeNull();
  });
});
