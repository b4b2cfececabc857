import { screen } from '@testing-library/react';

/**
 * An error shaped like the `ResponseError` a plugin's client throws for a failed request
 * (`@backstage/errors`): its status code and, as `cause`, the error the backend named.
 * `apiError(403, 'NotAllowedError', '…')` is how a refusal reaches a page.
 */
export function apiError(
  statusCode: number,
  name: string,
  message: string,
): Error {
  const cause = Object.assign(new Error(message), { name });
  return Object.assign(
    new Error(`Request failed with ${statusCode}, ${message}`),
    {
      name: 'ResponseError',
      statusCode,
      cause,
      body: { error: { name, message }, response: { statusCode } },
    },
  );
}

/** A fake API method that fails as the backend does on a fault (500), giving this reason. */
export function failing(reason: string): () => Promise<never> {
  return async () => {
    throw apiError(500, 'Error', reason);
  };
}

/** A fake API method that refuses the caller (403), naming what is missing. */
export function refusing(reason: string): () => Promise<never> {
  return async () => {
    throw apiError(403, 'NotAllowedError', reason);
  };
}

async function panelWith(reason: string, title: string): Promise<HTMLElement> {
  const text = await screen.findByText(reason);
  const panel = text.closest<HTMLElement>('[role="alert"]');
  if (!panel) {
    throw new Error(`"${reason}" is shown, but not in an alert`);
  }
  expect(panel).toHaveTextContent(title);
  return panel;
}

/**
 * Waits for the panel of a failed request (`ApiErrorPanel`): an alert with the title a person
 * reads (`Could not load this` unless the page names what failed) and the backend's reason.
 */
export function expectErrorPanel(
  reason: string,
  title = 'Could not load this',
): Promise<HTMLElement> {
  return panelWith(reason, title);
}

/** Waits for the panel of a refusal: "You are not allowed to see this" and what is missing. */
export function expectForbiddenPanel(reason: string): Promise<HTMLElement> {
  return panelWith(reason, 'You are not allowed to see this');
}
