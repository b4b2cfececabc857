import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CursorPager } from './CursorPager';

const button = (name: string) => screen.getByRole('button', { name });

describe('CursorPager', () => {
  it('hands on the cursor of the page before or after', async () => {
    const user = userEvent.setup();
    const onCursor = jest.fn();
    render(
      <CursorPager
        label="Services pages"
        page={{ prevCursor: 'p1', nextCursor: 'n1' }}
        onCursor={onCursor}
      />,
    );
    expect(
      screen.getByRole('navigation', { name: 'Services pages' }),
    ).toBeInTheDocument();
    await user.click(button('Next'));
    expect(onCursor).toHaveBeenLastCalledWith('n1');
    await user.click(button('Previous'));
    expect(onCursor).toHaveBeenLastCalledWith('p1');
  });

  it('disables the direction without a cursor', () => {
    render(<CursorPager page={{ nextCursor: 'n1' }} onCursor={jest.fn()} />);
    expect(button('Previous')).toBeDisabled();
    expect(button('Next')).toBeEnabled();
    expect(screen.getByRole('navigation', { name: 'Pages' })).toBeTruthy();
  });
});
