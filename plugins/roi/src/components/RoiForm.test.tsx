import { fireEvent, screen } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { RoiForm } from './RoiForm';
import { Results } from './Results';
import { useRoiForm } from './useRoiForm';

function Calculator() {
  const form = useRoiForm();
  return (
    <>
      <RoiForm form={form} />
      {form.result ? <Results result={form.result} /> : <p>no result</p>}
    </>
  );
}

async function render() {
  await renderInTestApp(
    <TestApiProvider apis={[[catalogApiRef, catalogApiMock()]]}>
      <Calculator />
    </TestApiProvider>,
  );
}

const field = (name: string) =>
  screen.getByTestId(`roi-field-${name}`) as HTMLInputElement;

describe('the calculator form', () => {
  it('recalculates as the user types, in the browser', async () => {
    await render();
    fireEvent.click(screen.getByRole('button', { name: 'Expected' }));
    // 20% × 1,500,000 + 30% × 230,000 + 22.5% × 278,000 = 431,550; investment 330,000
    // ROI = 101,550 / 330,000 = 30.77%; payback = 330,000 / (431,550 / 12) = 9.18 months
    expect(screen.getByTestId('roi-percent')).toHaveTextContent('30.77%');
    expect(screen.getByTestId('roi-payback')).toHaveTextContent('9.18 months');
    expect(
      screen.getByText(
        /Source \(Expected\): Humanitec: IDPs increased productivity/,
      ),
    ).toBeInTheDocument();
    // the ramp-up reuses WeScale's implementation lead times: an assumption, not a source
    expect(
      screen.getByText(/Assumption \(Expected\): Benefits reach full effect/),
    ).toBeInTheDocument();
    expect(screen.queryByText(/Microsoft/)).toBeNull();

    fireEvent.change(field('improvedProductivityPct'), {
      target: { value: '30' },
    });
    // 450,000 + 69,000 + 62,550 = 581,550 → 251,550 / 330,000 = 76.23%; 6.81 months
    expect(screen.getByTestId('roi-percent')).toHaveTextContent('76.23%');
    expect(screen.getByTestId('roi-payback')).toHaveTextContent('6.81 months');
    expect(screen.queryByText(/Source \(Expected\): Humanitec/)).toBeNull();
  });

  it('names the field in error and withholds the result', async () => {
    await render();
    fireEvent.change(field('devCosts'), { target: { value: '-5' } });
    expect(
      screen.getByText('must be a finite number >= 0'),
    ).toBeInTheDocument();
    expect(screen.getByText('no result')).toBeInTheDocument();

    fireEvent.change(field('devCosts'), { target: { value: '1500000' } });
    for (const name of ['designCosts', 'addLicenceCosts', 'trainingCosts']) {
      fireEvent.change(field(name), { target: { value: '0' } });
    }
    expect(screen.getByRole('alert')).toHaveTextContent(
      'designCosts + addLicenceCosts + trainingCosts must be greater than 0',
    );
  });
});
