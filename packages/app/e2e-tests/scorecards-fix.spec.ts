import { APIRequestContext, expect, Page, test } from '@playwright/test';
import { eventually, signIn } from './support';

type FrontendConfig = {
  data?: {
    integrations?: { github?: Array<{ host?: string; apiBaseUrl?: string }> };
  };
};

/**
 * The GitHub the portal reads (in CI the GitHub stand-in): GITHUB_API_BASE_URL when set, else
 * the github.com integration's API in the configuration the portal serves its frontend with.
 * The journey changes the repository there, as its team would on GitHub.
 */
async function githubApi(request: APIRequestContext): Promise<string> {
  let url = process.env.GITHUB_API_BASE_URL;
  if (!url) {
    const html = await (await request.get('/')).text();
    const script =
      /<script type="backstage.io\/config">([\s\S]*?)<\/script>/.exec(html);
    const configs: FrontendConfig[] = script ? JSON.parse(script[1]) : [];
    url = configs
      .flatMap(config => config.data?.integrations?.github ?? [])
      .find(github => github.host === 'github.com')?.apiBaseUrl;
  }
  if (!url) {
    throw new Error(
      'No GitHub API to change: set GITHUB_API_BASE_URL or serve the built frontend from the backend',
    );
  }
  return url.replace(/\/$/, '');
}

const REPOSITORY = 'acme-retail/identity-service';
const PROTECTION = `/repos/${REPOSITORY}/branches/main/protection`;

/** Removes the default branch's protection; a branch not protected answers 404. */
async function unprotect(request: APIRequestContext) {
  const response = await request.delete(
    `${await githubApi(request)}${PROTECTION}`,
    {
      headers: { accept: 'application/vnd.github+json' },
    },
  );
  expect([204, 404]).toContain(response.status());
}

/** The Scorecard tab's row of the check, reloaded until it shows `text`. */
async function waitForCheck(page: Page, text: RegExp, timeout: number) {
  const row = page.getByRole('listitem', { name: 'Default branch protected' });
  await eventually(
    page,
    () => expect(row).toContainText(text, { timeout: 5_000 }),
    { timeout, interval: 3_000 },
  );
  return row;
}

test.describe('scorecards: from a failing check to its fix', () => {
  // The first collection runs a minute after the backend starts; later ones follow webhooks.
  test.setTimeout(420_000);

  test('the identity team protects its default branch on GitHub and its service reaches bronze', async ({
    page,
    request,
  }) => {
    // The sample organisation protects no branch. A run before this one (a retry) may have
    // left the protection on: take it off, so the journey starts from the failing check.
    await unprotect(request);

    // The team lead reads why Identity Service is below bronze: the check, the fact's value,
    // what it needs, when it was collected, and how to fix it.
    await signIn(page, '/catalog/default/component/identity-service/scorecard');
    const row = await waitForCheck(
      page,
      /Fails.*default branch protected: no, needs yes · collected \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/s,
      300_000,
    );
    await expect(row).toContainText('bronze');
    await expect(
      row.getByRole('link', { name: 'How to fix it' }),
    ).toHaveAttribute('href', /scorecards\/#default-branch-protected$/);
    // its other bronze checks pass (owned by a team, described, a lifecycle, a CI workflow),
    // so the protection is all bronze needs
    await expect(page.getByLabel(/^Level: /)).toHaveText('Below bronze');
    await expect(
      page.getByText('Bronze needs: Default branch protected', { exact: true }),
    ).toBeVisible();
    await expect(
      page.getByRole('listitem', { name: 'CI workflow' }),
    ).toContainText('Passes');

    // The fix, on GitHub, as the how-to says: pull requests need an approving review and the
    // CI check. GitHub tells the portal through its webhook (branch_protection_rule).
    const protect = await request.put(
      `${await githubApi(request)}${PROTECTION}`,
      {
        headers: { accept: 'application/vnd.github+json' },
        data: {
          required_status_checks: { strict: true, contexts: ['CI / test'] },
          enforce_admins: false,
          required_pull_request_reviews: { required_approving_review_count: 1 },
          restrictions: null,
        },
      },
    );
    expect(protect.status()).toBe(200);

    try {
      // The portal re-reads that repository alone (scorecards.github.webhookDelaySeconds after
      // the delivery, 10 s by default; the hourly collection is not waited for) and the
      // service climbs to bronze; the tab now says what silver needs.
      await waitForCheck(
        page,
        /Passes.*default branch protected: yes · collected \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/s,
        90_000,
      );
      await expect(page.getByLabel(/^Level: /)).toHaveText('Bronze');
      await expect(page.getByText(/^Bronze needs:/)).toHaveCount(0);
      // the sample repository has no CODEOWNERS and no Dependabot file, and the service no
      // on-call link: silver's checks the team reads next
      const silver = page.getByText(/^Silver needs: /);
      await expect(silver).toBeVisible();
      for (const title of [
        'On-call link',
        'CODEOWNERS file',
        'Dependency updates configured',
      ]) {
        await expect(silver).toContainText(title);
      }

      // The identity team's page shows the service at its new level.
      await page.goto('/catalog/default/group/identity-team/scorecards');
      await expect(
        page
          .getByRole('table', { name: 'Services by level', exact: true })
          .getByRole('row', { name: /Identity Service/ }),
      ).toContainText('Bronze');
    } finally {
      // Leave the sample organisation as the other journeys know it.
      await unprotect(request);
    }
  });
});
