import { fireEvent, screen, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import { ProductivityHelpers } from './ProductivityHelpers';
import { useRoiForm } from './useRoiForm';

function Harness() {
  const form = useRoiForm();
  return (
    <>
      <ProductivityHelpers form={form} />
      <p data-testid="productivity-value">
        {form.values.improvedProductivityPct}
      </p>
    </>
  );
}

async function open() {
  await renderInTestApp(<Harness />);
  fireEvent.click(
    screen.getByText(/Estimate ImprovedProductivity% from tool switching/),
  );
}

const row = (id: string) => screen.getByTestId(`roi-productivity-${id}`);

describe('the productivity helpers', () => {
  it('writes the tool-switching estimate into ImprovedProductivity%', async () => {
    await open();
    const tools = row('toolSwitching');
    // defaults: 6 h (the seed's lower bound) × 50% recovered ÷ 40 h = 7.5%
    expect(within(tools).getByRole('button')).toHaveTextContent('Use 7.5%');
    expect(tools).toHaveTextContent(
      'Developers waste 6 to 15 hours each week just switching between different tools.',
    );
    expect(tools).toHaveTextContent('Source: Seed 004');

    fireEvent.change(within(tools).getByLabelText(/Hours lost a week/), {
      target: { value: '15' },
    });
    fireEvent.change(
      within(tools).getByLabelText('Share the platform recovers (%)'),
      { target: { value: '40' } },
    );
    // 15 h × 40% = 6 h of 40 h → 15%
    fireEvent.click(within(tools).getByRole('button', { name: 'Use 15%' }));
    expect(screen.getByTestId('productivity-value')).toHaveTextContent(/^15$/);
  });

  it('estimates from context switches and technical debt, each with its source', async () => {
    await open();
    const switches = row('contextSwitching');
    // 2 × 23.25 min = 46.5 min of 8 × 60 = 480 min → 9.6875% → shown to the cent 9.69%
    expect(within(switches).getByRole('button')).toHaveTextContent('Use 9.69%');
    expect(switches).toHaveTextContent('23 minutes and 15 seconds');

    const debt = row('technicalDebt');
    // 42% × 25% = 10.5%
    fireEvent.click(within(debt).getByRole('button', { name: 'Use 10.5%' }));
    expect(screen.getByTestId('productivity-value')).toHaveTextContent(
      /^10.5$/,
    );
    expect(debt).toHaveTextContent('42% of their working week');
  });

  it('offers nothing to use for an impossible input', async () => {
    await open();
    const debt = row('technicalDebt');
    fireEvent.change(
      within(debt).getByLabelText('Share of it the platform removes (%)'),
      { target: { value: '150' } },
    );
    expect(within(debt).getByRole('button')).toHaveTextContent('Use —');
    expect(within(debt).getByRole('button')).toBeDisabled();
  });
});
