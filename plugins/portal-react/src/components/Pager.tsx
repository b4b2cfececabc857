import { ReactNode } from 'react';
import { Button, Flex, Text } from '@backstage/ui';

export type PagerProps = {
  /** What the page holds, e.g. `21–40 of 57`; shown before the buttons. */
  summary?: ReactNode;
  hasPrevious: boolean;
  hasNext: boolean;
  onPrevious(): void;
  onNext(): void;
  /** Names the pager for assistive technology, e.g. `Services pages`. */
  label?: string;
};

/** Previous and Next under a list, for cursor and offset paging alike. */
export function Pager(props: PagerProps) {
  return (
    <nav aria-label={props.label ?? 'Pages'}>
      <Flex justify="end" align="center" gap="2" mt="2">
        {props.summary !== undefined && (
          <Text variant="body-medium">{props.summary}</Text>
        )}
        {[
          {
            label: 'Previous',
            enabled: props.hasPrevious,
            go: props.onPrevious,
          },
          { label: 'Next', enabled: props.hasNext, go: props.onNext },
        ].map(b => (
          <Button
            key={b.label}
            variant="secondary"
            isDisabled={!b.enabled}
            onPress={b.go}
          >
            {b.label}
          </Button>
        ))}
      </Flex>
    </nav>
  );
}

/** `21–40 of 57` for the page starting at `offset` (0-based); `0 of 0` when there is nothing. */
export function offsetSummary(
  offset: number,
  pageSize: number,
  totalItems: number,
): string {
  if (totalItems === 0) return '0 of 0';
  return `${offset + 1}–${Math.min(
    offset + pageSize,
    totalItems,
  )} of ${totalItems}`;
}
