import { expect, test } from '@playwright/test';
import { signIn } from '../support';
import { demoOrganization } from './demoOrganization';

const escapeRegExp = (text: string) =>
  text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

test('a data team member sees their services’ deployments and their pods in trouble on the cluster', async ({
  page,
}) => {
  const demo = demoOrganization();
  const newestRun = demo.newestRun('legacy-order-export');
  const [crashing] = demo.pods('legacy-order-export');
  const pending = demo
    .pods('analytics-pipeline')
    .filter(p => p.status.phase === 'Pending');
  expect(crashing.status.containerStatuses?.[0].state.waiting?.reason).toBe(
    'CrashLoopBackOff',
  );
  expect(pending).toHaveLength(1);

  // Legacy Order Export: its owner, its runs on GitHub and what its cluster runs.
  await signIn(page, '/catalog/default/component/legacy-order-export');
  await expect(
    page
      .getByRole('region', { name: 'Service overview' })
      .getByRole('link', { name: 'Data Team' }),
  ).toBeVisible();
  await page.getByRole('link', { name: 'Deployments', exact: true }).click();
  // GitHub's runs of its workflows, newest first (the stand-in lists those of the last 30 days,
  // when a struggling team may not have shipped this service), and its production Deployment
  // on the cluster with its one replica not ready.
  const firstRun = page
    .getByRole('table', { name: 'CI runs' })
    .getByRole('row')
    .nth(1);
  await expect(
    newestRun ? firstRun : page.getByText('No workflow runs yet.'),
  ).toContainText(
    newestRun
      ? new RegExp(
          `${escapeRegExp(newestRun.title)}.* · ${newestRun.headSha.slice(
            0,
            7,
          )}`,
        )
      : 'No workflow runs yet.',
  );
  const ready = demo
    .pods('legacy-order-export')
    .filter(
      p =>
        p.status.phase === 'Running' &&
        !p.status.containerStatuses?.some(c => c.state.waiting),
    );
  await expect(
    page.getByText(
      `(legacy-order-export, ${ready.length}/${
        demo.pods('legacy-order-export').length
      } ready`,
    ),
  ).toBeVisible();

  // Its Kubernetes tab reports the pod crash-looping, with its restarts.
  const restarts = crashing.status.containerStatuses![0].restartCount;
  await page.getByRole('link', { name: 'Kubernetes', exact: true }).click();
  await expect(
    page
      .getByRole('row', { name: new RegExp(crashing.metadata.name) })
      .filter({ hasText: `restarted ${restarts} times` }),
  ).toBeVisible();

  // Analytics Pipeline: in its Deployment on the cluster, one pod cannot be scheduled.
  await page.goto('/catalog/default/component/analytics-pipeline/kubernetes');
  await page.getByRole('button', { name: /^demo/ }).click();
  await page
    .getByRole('button', { name: /^analytics-pipeline/ })
    .first()
    .click();
  await expect(
    page.getByRole('row', { name: new RegExp(pending[0].metadata.name) }),
  ).toContainText('Pending');
});
