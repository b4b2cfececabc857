/** The webhook event types insights stores. */
export const SUPPORTED_EVENTS = [
  'deployment',
  'deployment_status',
  'workflow_run',
  'push',
  'pull_request',
  'issues',
] as const;
export type SupportedEvent = (typeof SUPPORTED_EVENTS)[number];
