import { ReactNode } from 'react';
import { Pager } from './Pager';

/** The cursors of a page of a cursor-paged list; absent where there is no such page. */
export type CursorPage = {
  prevCursor?: string;
  nextCursor?: string;
};

export type CursorPagerProps = {
  /** The page shown: its cursors lead to the pages before and after it. */
  page: CursorPage;
  /** Called with the cursor of the page to show next. */
  onCursor(cursor: string | undefined): void;
  summary?: ReactNode;
  /** Names the pager for assistive technology, e.g. `Services pages`. */
  label?: string;
};

/** The pager under a cursor-paged list: Previous and Next follow the page's cursors. */
export function CursorPager(props: CursorPagerProps) {
  const { page, onCursor } = props;
  return (
    <Pager
      label={props.label}
      summary={props.summary}
      hasPrevious={Boolean(page.prevCursor)}
      hasNext={Boolean(page.nextCursor)}
      onPrevious={() => onCursor(page.prevCursor)}
      onNext={() => onCursor(page.nextCursor)}
    />
  );
}
