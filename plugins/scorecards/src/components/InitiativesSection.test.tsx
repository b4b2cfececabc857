import { screen, within } from '@testing-library/react';
import { renderInitiatives as render } from './__testUtils__/initiativesTestApp';

// a platform admin's view is in InitiativeDialog.test.tsx: the permission hook caches its
// answer per permission for the module, so each answer gets its own test file
describe('InitiativesSection', () => {
  it('shows each initiative with its target, standing, chart and teams behind', async () => {
    await render(false);
    const card = await screen.findByLabelText('Initiative Silver by Q2');
    expect(card).toHaveTextContent(
      '80 % of production services at silver by 2026-06-30, led by platform-team.',
    );
    // 2 of 4 = 50 %; the projection 0.75 → 75 %
    expect(card).toHaveTextContent(
      'Behind: 2 of 4 services (50 %) at silver; at this pace 75 % by the deadline.',
    );
    const rows = within(
      screen.getByRole('table', { name: 'Teams behind Silver by Q2' }),
    ).getAllByRole('row');
    expect(rows[1]).toHaveTextContent('payments-team21 of 3');
    // members do not create initiatives
    expect(screen.queryByRole('button', { name: 'New initiative' })).toBeNull();
  });

  it('shows why the list could not load', async () => {
    await render(false, {
      listInitiatives: jest.fn(async () => {
        throw new Error('scorecards backend unavailable');
      }),
    });
    expect(
      await screen.findByText('Could not load the initiatives'),
    ).toBeInTheDocument();
  });
});
