/**
 * Insights backend: GitHub delivery data, DORA metrics, adoption KPIs and the survey.
 *
 * @packageDocumentation
 */
export { insightsPlugin as default } from './plugin';
export { githubWebhookModule } from './service/githubWebhookModule';
