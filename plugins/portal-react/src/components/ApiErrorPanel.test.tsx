import { render, screen } from '@testing-library/react';
import {
  apiError,
  expectErrorPanel,
  expectForbiddenPanel,
} from '../__testUtils__';
import { ApiErrorPanel, isForbidden } from './ApiErrorPanel';

describe('ApiErrorPanel', () => {
  it('tells the person they are not allowed, with the reason, on a 403', async () => {
    render(
      <ApiErrorPanel
        error={apiError(
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
    await expectForbiddenPanel('roi.scenario.read is required');
  });

  it('says the data could not be loaded, and why, on any other error', async () => {
    render(
      <ApiErrorPanel
        title="Could not load the delivery metrics"
        error={apiError(500, 'Error', 'database unavailable')}
      />,
    );
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Could not load the delivery metrics',
    );
    expect(screen.getByText('database unavailable')).toBeInTheDocument();
    expect(screen.queryByText(/not allowed/)).toBeNull();
    await expectErrorPanel(
      'database unavailable',
      'Could not load the delivery metrics',
    );
  });
});

describe('the panel checks for tests', () => {
  it('fail when the reason is shown under another title', async () => {
    render(<ApiErrorPanel error={apiError(500, 'Error', 'database down')} />);
    await expectErrorPanel('database down');
    await expect(expectForbiddenPanel('database down')).rejects.toThrow(
      /You are not allowed to see this/,
    );
  });

  it('fail when the reason is shown outside an alert', async () => {
    render(<p>database down</p>);
    await expect(expectErrorPanel('database down')).rejects.toThrow(
      '"database down" is shown, but not in an alert',
    );
  });
});

describe('isForbidden', () => {
  it.each([
    [apiError(403, 'NotAllowedError', 'no'), true],
    [Object.assign(new Error('no'), { name: 'NotAllowedError' }), true],
    [apiError(401, 'AuthenticationError', 'who are you'), false],
    [apiError(404, 'NotFoundError', 'gone'), false],
    [new Error('network down'), false],
    ['403', false],
  ])('%p → %p', (error, expected) => {
    expect(isForbidden(error)).toBe(expected);
  });
});
