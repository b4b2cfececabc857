import { useState } from 'react';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { offsetSummary, Pager } from './Pager';

/** A list of `total` items shown `pageSize` at a time, the way the offset pages use the pager. */
function Pages(props: { total: number; pageSize: number }) {
  const [offset, setOffset] = useState(0);
  return (
    <Pager
      label="Repository pages"
      summary={offsetSummary(offset, props.pageSize, props.total)}
      hasPrevious={offset > 0}
      hasNext={offset + props.pageSize < props.total}
      onPrevious={() => setOffset(o => Math.max(0, o - props.pageSize))}
      onNext={() => setOffset(o => o + props.pageSize)}
    />
  );
}

const button = (name: string) => screen.getByRole('button', { name });

describe('Pager', () => {
  it('walks forward and back through the pages, disabling what leads nowhere', async () => {
    const user = userEvent.setup();
    render(<Pages total={45} pageSize={20} />);
    expect(
      screen.getByRole('navigation', { name: 'Repository pages' }),
    ).toBeInTheDocument();
    expect(screen.getByText('1–20 of 45')).toBeInTheDocument();
    expect(button('Previous')).toBeDisabled();
    expect(button('Next')).toBeEnabled();

    await user.click(button('Next'));
    expect(screen.getByText('21–40 of 45')).toBeInTheDocument();
    expect(button('Previous')).toBeEnabled();

    await user.click(button('Next'));
    expect(screen.getByText('41–45 of 45')).toBeInTheDocument();
    expect(button('Next')).toBeDisabled();

    await user.click(button('Next'));
    expect(screen.getByText('41–45 of 45')).toBeInTheDocument();

    await user.click(button('Previous'));
    expect(screen.getByText('21–40 of 45')).toBeInTheDocument();
  });

  it('offers neither direction when everything fits on one page', () => {
    render(<Pages total={3} pageSize={20} />);
    expect(screen.getByText('1–3 of 3')).toBeInTheDocument();
    expect(button('Previous')).toBeDisabled();
    expect(button('Next')).toBeDisabled();
  });

  it('calls back for cursor paging and shows no summary when none is given', async () => {
    const user = userEvent.setup();
    const onPrevious = jest.fn();
    const onNext = jest.fn();
    render(
      <Pager hasPrevious hasNext onPrevious={onPrevious} onNext={onNext} />,
    );
    await user.click(button('Next'));
    await user.click(button('Previous'));
    expect(onNext).toHaveBeenCalledTimes(1);
    expect(onPrevious).toHaveBeenCalledTimes(1);
    expect(screen.getByRole('navigation', { name: 'Pages' })).toHaveTextContent(
      /^PreviousNext$/,
    );
  });
});

describe('offsetSummary', () => {
  it.each([
    [0, 20, 0, '0 of 0'],
    [0, 20, 1, '1–1 of 1'],
    [0, 20, 20, '1–20 of 20'],
    [20, 20, 21, '21–21 of 21'],
    [40, 20, 57, '41–57 of 57'],
  ])('offset %i, page size %i, %i items: %s', (offset, size, total, text) => {
    expect(offsetSummary(offset, size, total)).toBe(text);
  });
});
