import { render, screen } from '@testing-library/react';
import { ApiErrorPanel, isForbidden } from './ApiErrorPanel';

/** The shape of `ResponseError` from `@backstage/errors`, as a client throws it. */
function responseError(statusCode: number, name: string, message: string) {
  const cause = Object.assign(new Error(message), { name });
  return Object.assign(
    new Error(`Request failed with ${statusCode}, ${message}`),
    { name: 'ResponseError', statusCode, cause },
  );
}

describe('ApiErrorPanel', () => {
  it('tells the person they are not allowed, with the reason, on a 403', () => {
    render(
      <ApiErrorPanel
        error={responseError(
          403,
          'NotAllowedError',
          'roi.scenario.read is required',
        )}
      />,
    );
    expect(screen.getByRole('alert')).toHaveTextContent(
      'You are not allowed to see this',
    );
    expect(
      screen.getByText('roi.scenario.read is required'),
    ).toBeInTheDocument();
  });

  it('says the data could not be loaded, and why, on any other error', () => {
    render(
      <ApiErrorPanel
        title="Could not load the delivery metrics"
        error={responseError(500, 'Error', 'database unavailable')}
      />,
    );
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Could not load the delivery metrics',
    );
    expect(screen.getByText('database unavailable')).toBeInTheDocument();
    expect(screen.queryByText(/not allowed/)).toBeNull();
  });
});

describe('isForbidden', () => {
  it.each([
    [responseError(403, 'NotAllowedError', 'no'), true],
    [Object.assign(new Error('no'), { name: 'NotAllowedError' }), true],
    [responseError(401, 'AuthenticationError', 'who are you'), false],
    [responseError(404, 'NotFoundError', 'gone'), false],
    [new Error('network down'), false],
    ['403', false],
  ])('%p → %p', (error, expected) => {
    expect(isForbidden(error)).toBe(expected);
  });
});
