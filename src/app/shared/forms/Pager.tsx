/**
 * Long lists (the run history, the fine-tune results) shown a page at a time, so thousands of imported records
 * render as fast as one page: `usePage` picks the page's items, `Pager` moves between pages with labelled buttons
 * a keyboard reaches in order. Plain paging rather than a virtualised list: rows differ in height and hold
 * controls, and no virtualisation library is a dependency.
 */
import { useState } from 'react';

export const PAGE_SIZE = 50;

/** Set through the DOM's style object (React), which a Content-Security-Policy without inline styles allows. */
const PAGER_STYLE = {
  display: 'flex',
  flexWrap: 'wrap',
  alignItems: 'center',
  gap: '0.5rem',
  marginTop: '0.5rem',
} as const;

export interface Page<T> {
  /** The items on the page shown. */
  items: readonly T[];
  /** The position of the page's first item in the whole list. */
  offset: number;
  page: number;
  pageCount: number;
  total: number;
  setPage(page: number): void;
}

/** The page of `items` being shown; a page past the end (items were deleted) shows the last one. */
export function usePage<T>(items: readonly T[], pageSize = PAGE_SIZE): Page<T> {
  const [chosen, setPage] = useState(0);
  const pageCount = Math.max(1, Math.ceil(items.length / pageSize));
  const page = Math.min(chosen, pageCount - 1);
  const offset = page * pageSize;
  return { items: items.slice(offset, offset + pageSize), offset, page, pageCount, total: items.length, setPage };
}

interface Props<T> {
  page: Page<T>;
  /** What the list holds, plural: "runs", "results". */
  noun: string;
  testId?: string;
}

/** First, previous, next and last page, with where the list stands; nothing while everything fits on one page. */
export function Pager<T>({ page, noun, testId }: Props<T>) {
  if (page.pageCount <= 1) return null;
  const { offset, items, total, pageCount } = page;
  const go = (to: number) => page.setPage(Math.max(0, Math.min(pageCount - 1, to)));
  const atStart = page.page === 0;
  const atEnd = page.page === pageCount - 1;
  return (
    <nav className="pager" aria-label={`Pages of ${noun}`} data-testid={testId} style={PAGER_STYLE}>
      <button type="button" disabled={atStart} onClick={() => go(0)} aria-label={`First page of ${noun}`}>
        « First
      </button>
      <button
        type="button"
        disabled={atStart}
        onClick={() => go(page.page - 1)}
        aria-label={`Previous page of ${noun}`}
      >
        ‹ Previous
      </button>
      <span className="muted" aria-live="polite">
        Page {page.page + 1} of {pageCount}: {noun} {offset + 1}–{offset + items.length} of {total}
      </span>
      <button type="button" disabled={atEnd} onClick={() => go(page.page + 1)} aria-label={`Next page of ${noun}`}>
        Next ›
      </button>
      <button type="button" disabled={atEnd} onClick={() => go(pageCount - 1)} aria-label={`Last page of ${noun}`}>
        Last »
      </button>
    </nav>
  );
}
