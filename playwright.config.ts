import { defineConfig } from '@playwright/test';

/**
 * End-to-end journeys of the three personas, in headless Chromium (Debian's `chromium`
 * package; Playwright's own browser download is not used). `yarn test:e2e` expects a running
 * portal at PLAYWRIGHT_URL (default http://localhost:3000, the `./portal start` dev server);
 * CI starts the built portal on http://localhost:7007 first (see .ci/run).
 *
 * Two projects, each for its own portal: `journeys` (packages/app/e2e-tests) against the
 * sample catalog with the journeys' GitHub stand-in (`--project journeys`), and `demo`
 * (packages/app/e2e-tests/demo) against the demo organisation (`./portal start --demo`, see
 * docs/demo.md), whose figures its journeys work out from the demo's generator
 * (`--project demo`).
 */
export default defineConfig({
  testDir: 'packages/app/e2e-tests',
  timeout: 90_000,
  expect: { timeout: 30_000 },
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  workers: 1,
  reporter: [
    ['list'],
    ['html', { open: 'never', outputFolder: 'e2e-test-report' }],
  ],
  outputDir: 'node_modules/.cache/e2e-test-results',
  projects: [
    { name: 'journeys', testIgnore: '**/e2e-tests/demo/**' },
    { name: 'demo', testDir: 'packages/app/e2e-tests/demo' },
  ],
  use: {
    baseURL: process.env.PLAYWRIGHT_URL ?? 'http://localhost:3000',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    browserName: 'chromium',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
