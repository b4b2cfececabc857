import { expect, Page, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eventually, signIn } from './support';

// The local git host keeps its repositories here (see docs/golden-paths.md).
const dataDir = path.resolve(__dirname, '../../../.data');
const TEMPLATE = 'typescript-service';
const BRANCH = `golden-path-upgrade/${TEMPLATE}`;
const DEPLOY = '.github/workflows/deploy.yaml';

const gitEnv = {
  ...process.env,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_NAME: 'Payments Team',
  GIT_AUTHOR_EMAIL: 'payments@acme-retail.example',
  GIT_COMMITTER_NAME: 'Payments Team',
  GIT_COMMITTER_EMAIL: 'payments@acme-retail.example',
};
const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'commit.gpgsign=false', ...args], {
    cwd,
    env: gitEnv,
  })
    .toString()
    .trim();

/** The versions of the golden path on disk, newest first, as templates/<name>/versions.yaml lists them. */
function publishedVersions(): string[] {
  const text = fs.readFileSync(
    path.resolve(__dirname, `../../../templates/${TEMPLATE}/versions.yaml`),
    'utf8',
  );
  return [...text.matchAll(/^ {2}- version: (\S+)$/gm)].map(m => m[1]);
}

/**
 * How many repositories of the local git host say, in their catalog-info.yaml, that they are
 * on `version` of the template: the figure the golden paths page must show once the catalog
 * has read them.
 */
function servicesOnVersion(version: string): number {
  const checkouts = path.join(dataDir, 'git-checkouts');
  let count = 0;
  for (const name of fs.existsSync(checkouts)
    ? fs.readdirSync(checkouts)
    : []) {
    const file = path.join(checkouts, name, 'catalog-info.yaml');
    if (!fs.existsSync(file)) continue;
    const text = fs.readFileSync(file, 'utf8');
    if (
      text.includes(`acme.example/template: "${TEMPLATE}"`) &&
      text.includes(`acme.example/template-version: "${version}"`)
    ) {
      count++;
    }
  }
  return count;
}

/** Creates a service from the golden path through the Create page (its latest version). */
async function createService(page: Page, name: string) {
  await signIn(page, '/create');
  const card = page
    .locator('.MuiCard-root')
    .filter({ hasText: 'TypeScript HTTP service' })
    .last();
  await card.getByRole('button', { name: /choose/i }).click();
  await page.getByRole('textbox', { name: 'Name' }).fill(name);
  await page
    .getByRole('textbox', { name: 'Description' })
    .fill('Made by the golden path upgrades journey');
  await page.getByRole('textbox', { name: 'Owner' }).click();
  await page
    .getByRole('option', { name: /payments.team/i })
    .first()
    .click();
  await page.getByRole('textbox', { name: 'System' }).click();
  await page
    .getByRole('option', { name: /developer.platform/i })
    .first()
    .click();
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByText('Repository host').first()).toBeVisible();
  await page.getByRole('button', { name: 'Review' }).click();
  await page.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByRole('link', { name: 'Open in catalog' })).toBeVisible(
    { timeout: 180_000 },
  );
}

/**
 * Turns the new service into one made from the previous version, and changed by its team: the
 * record and the catalog annotations say `previous`, and the team wrote its own deploy
 * workflow, which the latest version also brings (so the upgrade has one file to resolve).
 */
function makeItAnOlderService(name: string, latest: string, previous: string) {
  const bare = path.join(dataDir, 'git', `${name}.git`);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-gpu-'));
  try {
    git(work, 'clone', '-q', bare, 'repo');
    const repo = path.join(work, 'repo');
    for (const file of ['.golden-path.json', 'catalog-info.yaml']) {
      const full = path.join(repo, file);
      fs.writeFileSync(
        full,
        fs.readFileSync(full, 'utf8').split(latest).join(previous),
      );
    }
    fs.mkdirSync(path.join(repo, '.github/workflows'), { recursive: true });
    fs.writeFileSync(
      path.join(repo, DEPLOY),
      'name: Deploy\non: workflow_dispatch\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ./our-deploy.sh\n',
    );
    git(repo, 'add', '-A');
    git(
      repo,
      'commit',
      '-q',
      '-m',
      `Made from ${previous}, our deploy workflow`,
    );
    git(repo, 'push', '-q', 'origin', 'main');
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  // The working copy the catalog reads follows the repository.
  const checkout = path.join(dataDir, 'git-checkouts', name);
  git(checkout, 'fetch', '-q', 'origin', 'main');
  git(checkout, 'reset', '-q', '--hard', 'origin/main');
}

test.describe('golden path upgrades', () => {
  const name = `e2e-gpu-${Date.now().toString(36)}`;

  test.afterAll(() => {
    for (const dir of [`git/${name}.git`, `git-checkouts/${name}`]) {
      fs.rmSync(path.join(dataDir, dir), { recursive: true, force: true });
    }
  });

  test('the platform team reads where services are; the owners prepare their upgrade and see what needs a person', async ({
    page,
  }) => {
    test.setTimeout(600_000);
    const [latest, previous] = publishedVersions();
    await createService(page, name);
    makeItAnOlderService(name, latest, previous);

    // The platform team: the golden paths page, per template and version.
    await signIn(page, '/golden-paths');
    const card = page.getByLabel(`Golden path ${TEMPLATE}`);
    const versions = card.getByRole('table', {
      name: `Versions of ${TEMPLATE}`,
    });
    const row = (version: string) =>
      versions.getByRole('row').filter({
        has: page.getByRole('cell', { name: version, exact: true }),
      });
    await eventually(
      page,
      async () => {
        // The catalog has read the changed repository once our service counts on `previous`.
        const onPrevious = servicesOnVersion(previous);
        await expect(row(previous).getByRole('cell').nth(2)).toHaveText(
          String(onPrevious),
          { timeout: 5_000 },
        );
        expect(onPrevious).toBeGreaterThanOrEqual(1);
      },
      { timeout: 420_000, interval: 10_000 },
    );
    await expect(row(previous).getByRole('cell').nth(3)).toHaveText(
      '1 version',
    );
    await expect(row(latest).getByRole('cell').nth(2)).toHaveText(
      String(servicesOnVersion(latest)),
    );
    await expect(row(latest).getByRole('cell').nth(3)).toHaveText('latest');
    const onPrevious = servicesOnVersion(previous);
    const total = publishedVersions().reduce(
      (sum, v) => sum + servicesOnVersion(v),
      0,
    );
    await expect(
      card.getByText(
        `${total} services, ${
          total - servicesOnVersion(latest)
        } behind the latest version`,
      ),
    ).toBeVisible();
    expect(onPrevious).toBeGreaterThanOrEqual(1);

    // The service's owners (the guest is in the payments team): the entity card.
    await page.goto(`/catalog/default/component/${name}`);
    await expect(
      page.getByText(`${TEMPLATE} ${previous}, latest ${latest}`),
    ).toBeVisible({ timeout: 60_000 });
    await expect(page.getByText('1 version behind')).toBeVisible();
    const changelog = page.getByRole('list', { name: 'Changelog' });
    await expect(changelog).toContainText(`${latest} (`);
    await expect(changelog).toContainText('deploy workflow');

    const prepare = page.getByRole('button', { name: 'Prepare upgrade now' });
    await expect(prepare).toBeEnabled();
    await prepare.click();
    const outcome = page
      .getByRole('status')
      .filter({ hasText: 'Upgrade prepared' });
    await expect(outcome).toBeVisible({ timeout: 120_000 });
    await expect(outcome).toContainText(`Branch ${BRANCH}`);
    await expect(
      outcome.getByRole('list', { name: 'Files needing a person' }),
    ).toHaveText(DEPLOY);

    // The branch on the local git host is what the card says: one commit on main, with the
    // changelog in its message, and the team's deploy workflow against the template's.
    const bare = path.join(dataDir, 'git', `${name}.git`);
    expect(git(bare, 'rev-parse', `${BRANCH}^`)).toBe(
      git(bare, 'rev-parse', 'main'),
    );
    const message = git(bare, 'log', '-1', '--format=%B', BRANCH);
    expect(message).toContain(`upgrade ${previous} → ${latest}`);
    expect(message).toContain(`### ${latest}`);
    const deploy = git(bare, 'show', `${BRANCH}:${DEPLOY}`);
    expect(deploy).toContain('<<<<<<< ');
    expect(deploy).toContain('./our-deploy.sh');
    expect(git(bare, 'show', `${BRANCH}:.golden-path.json`)).toContain(
      `"version": "${latest}"`,
    );

    // On the page, the upgrade counts as open and conflicted on the version it goes to.
    await page.goto('/golden-paths');
    await expect(row(latest).getByRole('cell').nth(4)).not.toHaveText('0');
    await expect(row(latest).getByRole('cell').nth(6)).not.toHaveText('0');
  });
});
