import { expect, test } from '@playwright/test';
import { signIn } from './support';

/**
 * The operator's view: the portal's Prometheus endpoint (docs/observability.md), scraped after a
 * person has used it. Requests of the page show up per route, the scheduler's task runs per
 * task, and the portal's own gauges (the webhook queue, the database pools).
 */
const METRICS_URL =
  process.env.PORTAL_METRICS_URL ?? 'http://127.0.0.1:9464/metrics';

/** The value of the first series of `name` whose labels match `labels`. */
function sample(text: string, name: string, labels: RegExp): number | null {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`)) continue;
    const match = /^[^{]+\{(.*)\} (\S+)$/.exec(line);
    if (match && labels.test(match[1])) return Number(match[2]);
  }
  return null;
}

test.describe('an operator scrapes the portal', () => {
  test('finds requests per route, scheduled task runs and the portal gauges', async ({
    page,
    request,
  }) => {
    await signIn(page, '/');
    await page.getByRole('link', { name: 'ROI calculator' }).first().click();
    await expect(
      page.getByRole('heading', { name: 'ROI calculator' }),
    ).toBeVisible();

    await expect(async () => {
      const response = await request.get(METRICS_URL);
      expect(response.status()).toBe(200);
      const text = await response.text();

      // The page's own calls, counted under their route template, never under a raw URL.
      expect(
        sample(
          text,
          'http_server_request_duration_count',
          /http_route="\/api\/roi\/scenarios".*http_response_status_code="200"/,
        ),
      ).toBeGreaterThan(0);
      expect(text).not.toMatch(/http_route="[^"]*[0-9a-f]{8}-[0-9a-f]{4}-/);

      // The scheduler's runs of a task of ours (every minute, one replica at a time).
      expect(
        sample(
          text,
          'backend_tasks_task_runs_count_total',
          /taskId="insights-fold-dora-counts".*result="completed"/,
        ),
      ).toBeGreaterThan(0);

      // The portal's own gauges.
      expect(
        sample(text, 'portal_webhook_queue_deliveries', /.*/),
      ).not.toBeNull();
      expect(
        sample(text, 'portal_database_pool_connections', /plugin="roi"/),
      ).not.toBeNull();
    }).toPass({ timeout: 120_000, intervals: [5_000] });
  });
});
