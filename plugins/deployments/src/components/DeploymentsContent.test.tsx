import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  DeploymentAction,
  Environments,
  WorkflowRuns,
} from '@internal/plugin-deployments-common';
import {
  apiError,
  expectErrorPanel,
  failing,
} from '@internal/plugin-portal-react/testUtils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DeploymentsApi, deploymentsApiRef } from '../api';
import { DeploymentsContent } from './DeploymentsContent';

jest.setTimeout(20_000);

const component = (name: string) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default' },
  spec: { type: 'service', lifecycle: 'production', owner: 'payments-team' },
});

const SHA = { a: 'a'.repeat(40), b: 'b'.repeat(40), c: 'c'.repeat(40) };

const environments: Environments = {
  entityRef: 'component:default/checkout',
  repository: 'acme/checkout',
  workflow: '.github/workflows/deploy.yaml',
  environments: [
    {
      name: 'dev',
      production: false,
      running: {
        deploymentId: 3,
        sha: SHA.c,
        ref: 'main',
        succeededAt: '2026-12-02T09:30:00.000Z',
      },
      next: 'staging',
      cluster: {
        status: 'running',
        cluster: 'eu-1',
        namespace: 'checkout-dev',
        workloads: [
          {
            name: 'checkout',
            version: SHA.c,
            desiredReplicas: 2,
            readyReplicas: 1,
            rollout: 'progressing',
          },
        ],
        comparison: 'matches',
      },
    },
    {
      name: 'staging',
      production: false,
      running: {
        deploymentId: 2,
        sha: SHA.b,
        succeededAt: '2026-12-01T10:00:00.000Z',
      },
      previous: {
        deploymentId: 1,
        sha: SHA.a,
        ref: 'v1.1.0',
        succeededAt: '2026-11-20T10:00:00.000Z',
      },
      next: 'production',
      cluster: {
        status: 'running',
        cluster: 'eu-1',
        namespace: 'checkout-staging',
        workloads: [
          {
            name: 'checkout',
            version: SHA.a,
            desiredReplicas: 2,
            readyReplicas: 2,
            rollout: 'complete',
          },
        ],
        comparison: 'differs',
        mismatch: 'cluster runs aaaaaaa, last deployment recorded bbbbbbb',
      },
    },
    {
      name: 'production',
      production: true,
      cluster: {
        status: 'forbidden',
        cluster: 'eu-1',
        namespace: 'checkout-production',
        message:
          'cluster "eu-1" refused to list Deployments in checkout-production (HTTP 403)',
      },
    },
  ],
};

const runs: WorkflowRuns = {
  entityRef: 'component:default/checkout',
  repository: 'acme/checkout',
  items: [
    {
      id: 77,
      name: 'ci',
      status: 'completed',
      conclusion: 'failure',
      branch: 'main',
      sha: SHA.b,
      event: 'push',
      url: 'https://github.com/acme/checkout/actions/runs/77',
      startedAt: '2026-12-02T09:00:00Z',
      durationSeconds: 187,
    },
  ],
};

const dispatched: DeploymentAction = {
  id: '00000000-0000-4000-8000-000000000001',
  entityRef: 'component:default/checkout',
  repository: 'acme/checkout',
  action: 'deploy',
  environment: 'staging',
  ref: 'v1.2.0',
  sha: '1'.repeat(40),
  actor: 'user:default/elena.rossi',
  requestedAt: '2026-12-03T10:00:00.000Z',
  result: 'dispatched',
  run: {
    id: 4200001,
    url: 'https://github.com/acme/checkout/actions/runs/4200001',
    status: 'queued',
  },
};

async function render(
  overrides: Partial<DeploymentsApi> = {},
  permission: (name: string) => boolean = () => true,
  // usePermission caches its answers per permission and entity for the whole test file
  entity = component('checkout'),
) {
  const api = {
    getEnvironments: jest.fn(async () => environments),
    listRuns: jest.fn(async () => runs),
    listActions: jest.fn(async () => []),
    dispatch: jest.fn(async () => dispatched),
    getAction: jest.fn(async () => dispatched),
    ...overrides,
  };
  await renderInTestApp(
    <EntityProvider entity={entity}>
      <DeploymentsContent />
    </EntityProvider>,
    {
      apis: [
        [deploymentsApiRef, api as DeploymentsApi],
        [
          permissionApiRef,
          mockApis.permission({
            authorize: request =>
              permission(request.permission.name)
                ? AuthorizeResult.ALLOW
                : AuthorizeResult.DENY,
          }),
        ],
      ],
    },
  );
  return api;
}

/** The row of an environment: from its heading to the buttons beside it. */
async function row(name: string) {
  const heading = await screen.findByRole('heading', { name });
  return heading.closest<HTMLElement>('div')!.parentElement!.parentElement!
    .parentElement!;
}

describe('DeploymentsContent', () => {
  it('shows each environment with the version running there', async () => {
    await render();
    expect(
      await screen.findByText(
        'Running main (ccccccc) since 2026-12-02 09:30 UTC',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Running bbbbbbb since 2026-12-01 10:00 UTC'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('No successful deployment known'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Roll back to v1.1.0 (aaaaaaa)' }),
    ).toBeEnabled();
    expect(
      screen.getByRole('button', { name: 'Promote to staging' }),
    ).toBeEnabled();
  });

  it('shows beside each environment what its cluster runs, and where it differs from the recorded deployment', async () => {
    await render();
    const dev = await row('dev');
    expect(
      within(dev).getByText(
        'Cluster eu-1 runs ccccccc (checkout, 1/2 ready, rollout in progress)',
      ),
    ).toBeInTheDocument();
    expect(within(dev).queryByText(/^Differs/)).not.toBeInTheDocument();
    const staging = await row('staging');
    expect(
      within(staging).getByText(
        'Cluster eu-1 runs aaaaaaa (checkout, 2/2 ready, rollout complete)',
      ),
    ).toBeInTheDocument();
    expect(
      within(staging).getByText(
        'Differs: cluster runs aaaaaaa, last deployment recorded bbbbbbb',
      ),
    ).toBeInTheDocument();
    const production = await row('production');
    expect(
      within(production).getByText(
        'Cluster unavailable: cluster "eu-1" refused to list Deployments in checkout-production (HTTP 403)',
      ),
    ).toBeInTheDocument();
    expect(
      within(production).getByText('No successful deployment known'),
    ).toBeInTheDocument();
  });

  it('says when no cluster is configured, with no number', async () => {
    await render({
      getEnvironments: jest.fn(async () => ({
        ...environments,
        environments: [
          {
            name: 'dev',
            production: false,
            cluster: {
              status: 'notConfigured' as const,
              message:
                'no Kubernetes cluster is configured (kubernetes.clusterLocatorMethods)',
            },
          },
        ],
      })),
    });
    const dev = await row('dev');
    expect(
      within(dev).getByText(
        'Cluster not read: no Kubernetes cluster is configured (kubernetes.clusterLocatorMethods)',
      ),
    ).toBeInTheDocument();
    expect(within(dev).queryByText(/ready/)).not.toBeInTheDocument();
  });

  it('deploys the tag given in the dialog and follows the run until it completes', async () => {
    const completed: DeploymentAction = {
      ...dispatched,
      run: {
        ...dispatched.run!,
        status: 'completed',
        conclusion: 'success',
        durationSeconds: 61,
      },
    };
    const api = await render({ getAction: jest.fn(async () => completed) });
    const staging = await row('staging');
    await userEvent.click(
      within(staging).getByRole('button', { name: 'Deploy…' }),
    );
    const dialog = await screen.findByRole('dialog');
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: 'Commit SHA or tag' }),
      'v1.2.0',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Deploy' }),
    );

    expect(api.dispatch).toHaveBeenCalledWith({
      entityRef: 'component:default/checkout',
      action: 'deploy',
      environment: 'staging',
      ref: 'v1.2.0',
    });
    const status = await screen.findByRole('status');
    expect(status).toHaveTextContent('Deploy v1.2.0 to staging (1111111)');
    expect(status).toHaveTextContent('queued');
    expect(
      within(status).getByRole('link', { name: 'Run and logs' }),
    ).toHaveAttribute('href', dispatched.run!.url);
    // the poll brings the run's end
    await waitFor(() => expect(status).toHaveTextContent('succeeded'), {
      timeout: 6000,
    });
    expect(api.getAction).toHaveBeenCalledWith(dispatched.id);
  });

  it('refuses a ref that is not one in the dialog', async () => {
    const api = await render();
    await userEvent.click(
      within(await row('dev')).getByRole('button', { name: 'Deploy…' }),
    );
    const dialog = await screen.findByRole('dialog');
    await userEvent.type(within(dialog).getByRole('textbox'), '$(id)');
    expect(
      within(dialog).getByText(
        'A commit SHA, a branch or a tag: letters, digits, . _ / -',
      ),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByRole('button', { name: 'Deploy' }),
    ).toBeDisabled();
    expect(api.dispatch).not.toHaveBeenCalled();
  });

  it('promotes and rolls back with one press each', async () => {
    const api = await render();
    await userEvent.click(
      await screen.findByRole('button', { name: 'Promote to staging' }),
    );
    await waitFor(() =>
      expect(api.dispatch).toHaveBeenCalledWith({
        entityRef: 'component:default/checkout',
        action: 'promote',
        environment: 'dev',
      }),
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Roll back to v1.1.0 (aaaaaaa)' }),
    );
    await waitFor(() =>
      expect(api.dispatch).toHaveBeenCalledWith({
        entityRef: 'component:default/checkout',
        action: 'rollback',
        environment: 'staging',
      }),
    );
  });

  it('disables what the person may not do, and says why', async () => {
    await render(
      {},
      name => name !== 'deployments.dispatch.production',
      component('checkout-restricted'),
    );
    const staging = await row('staging');
    // promoting staging goes to production
    expect(
      within(staging).getByRole('button', { name: 'Promote to production' }),
    ).toBeDisabled();
    expect(
      within(staging).getByText(
        'Deploying to production needs membership of the owning team or of a production approver group.',
      ),
    ).toBeInTheDocument();
    expect(
      within(staging).getByRole('button', { name: 'Deploy…' }),
    ).toBeEnabled();
    const production = await row('production');
    expect(
      within(production).getByRole('button', { name: 'Deploy…' }),
    ).toBeDisabled();
    expect(
      within(production).getByText(
        'No earlier successful deployment of another commit to roll back to.',
      ),
    ).toBeInTheDocument();
  });

  it('shows the reason the backend gave for a refusal', async () => {
    const reason =
      'workflow: .github/workflows/deploy.yaml of acme/checkout does not accept the input ref under on.workflow_dispatch.inputs';
    await render({
      dispatch: jest.fn(async () => {
        throw apiError(409, 'ConflictError', reason);
      }),
    });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Promote to staging' }),
    );
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Not dispatched');
    expect(alert).toHaveTextContent(reason);
  });

  it('says why nothing can be deployed for a component without a repository', async () => {
    const reason =
      'component:default/checkout has no github.com/project-slug annotation, so the portal does not know its repository';
    await render({
      getEnvironments: jest.fn(async () => ({
        entityRef: 'component:default/checkout',
        workflow: '.github/workflows/deploy.yaml',
        unavailable: reason,
        environments: [{ name: 'dev', production: false }],
      })),
      listRuns: jest.fn(async () => ({
        entityRef: 'component:default/checkout',
        unavailable: reason,
        items: [],
      })),
    });
    expect(
      await screen.findByText('Nothing can be deployed from the portal'),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Deploy…' })).toBeDisabled();
  });

  it('lists the recent CI runs with status, branch, duration and link', async () => {
    await render();
    const table = await screen.findByRole('table', { name: 'CI runs' });
    const cells = within(table).getAllByRole('cell');
    expect(cells.map(c => c.textContent)).toEqual([
      'ci push · bbbbbbb',
      'main',
      'failed Logs',
      '3 min 07 s',
      '2026-12-02 09:00 UTC',
    ]);
    expect(within(table).getByRole('link', { name: 'Logs' })).toHaveAttribute(
      'href',
      runs.items[0].url,
    );
  });

  it('shows why the environments could not be loaded', async () => {
    await render({
      getEnvironments: jest.fn(failing('GitHub is unreachable')),
    });
    expect(
      await expectErrorPanel(
        'GitHub is unreachable',
        'Could not load the environments',
      ),
    ).toBeInTheDocument();
  });
});
