import type { ReactNode } from 'react';

interface Props {
  /** Names the box for screen readers and keyboard users, e.g. "Fine-tune results"; the table keeps its caption. */
  label: string;
  children: ReactNode;
}

/**
 * The box a wide table scrolls sideways in, so that on a phone the table scrolls and the page does not. A box that
 * scrolls has to be reachable by keyboard (arrow keys scroll it once it has focus), so it is a named region in the
 * tab order: axe's `scrollable-region-focusable` rule asks exactly that. Its caption wraps to the box (styles.css).
 */
export function TableScroll({ label, children }: Props) {
  return (
    <div className="table-wrap" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
