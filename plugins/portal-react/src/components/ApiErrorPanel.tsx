import { Alert } from '@backstage/ui';

/**
 * True when the backend refused the caller (403): the person lacks a permission, which is
 * not a fault to retry or report. Checked by shape so that any client's error qualifies:
 * `ResponseError` carries the status code, a `NotAllowedError` its name.
 */
export function isForbidden(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const { statusCode } = error as { statusCode?: unknown };
  return statusCode === 403 || error.name === 'NotAllowedError';
}

/** The reason the backend gave, without the "Request failed with …" prefix of a response. */
function reason(error: Error): string {
  const cause = (error as { cause?: unknown }).cause;
  return cause instanceof Error && cause.message
    ? cause.message
    : error.message;
}

/**
 * What a page or card shows when its data could not be loaded: a refusal (403) says so and
 * names what is missing; any other error says the data could not be loaded, and why.
 */
export function ApiErrorPanel(props: { error: Error; title?: string }) {
  if (isForbidden(props.error)) {
    return (
      <Alert
        status="warning"
        icon
        role="alert"
        title="You are not allowed to see this"
        description={reason(props.error)}
      />
    );
  }
  return (
    <Alert
      status="danger"
      icon
      role="alert"
      title={props.title ?? 'Could not load this'}
      description={reason(props.error)}
    />
  );
}
