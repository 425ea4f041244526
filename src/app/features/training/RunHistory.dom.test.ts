// @vitest-environment jsdom
import { act, createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { PAGE_SIZE } from '../../shared/forms/Pager';
import type { RunRecord } from './runRecord';
import { makeRun } from './testRun';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

// No IndexedDB or worker in jsdom: the history is set directly, and nothing here asks the worker anything.
vi.mock('../../shared/storage/labDb', () => ({
  openLabStore: async () => ({ all: async () => [], put: async () => {}, delete: async () => {} }),
}));
vi.mock('../../shared/compute/computeClient', () => ({ computeWorker: () => ({}) }));

/** 120 runs, newest first as the history keeps them, each labelled with its position so a row says which it is. */
const RUNS = 120;
const runs: RunRecord[] = Array.from({ length: RUNS }, (_, i) => makeRun({ id: `r${i}`, label: `run ${i}` }));

type Modules = {
  RunHistory: typeof import('./RunHistory').RunHistory;
  useHistoryStore: typeof import('./historyStore').useHistoryStore;
  useRunStore: typeof import('./runStore').useRunStore;
};
let modules: Modules;

beforeAll(async () => {
  modules = {
    RunHistory: (await import('./RunHistory')).RunHistory,
    useHistoryStore: (await import('./historyStore')).useHistoryStore,
    useRunStore: (await import('./runStore')).useRunStore,
  };
});

describe('the run history with more runs than fit on a page', () => {
  let container: HTMLDivElement;
  let root: Root;
  beforeEach(() => {
    modules.useHistoryStore.setState({ runs, phase: 'ready', overlay: [], overlayChosen: true });
    modules.useRunStore.setState({ current: null });
    container = document.createElement('div');
    document.body.append(container);
    root = createRoot(container);
    act(() => root.render(createElement(modules.RunHistory)));
  });
  afterEach(() => {
    act(() => root.unmount());
    container.remove();
  });

  const labels = () =>
    [...container.querySelectorAll('[data-testid="history-run"] .history-label')].map((label) => label.textContent);
  const pager = () => container.querySelector('nav[aria-label="Pages of runs"]');
  const button = (name: string) => container.querySelector<HTMLButtonElement>(`button[aria-label="${name}"]`);
  const page = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `run ${from + i}`);

  it('renders one page of runs, and the labelled pager buttons move through every page', () => {
    expect(labels()).toEqual(page(0, PAGE_SIZE));
    expect(pager()?.textContent).toContain('Page 1 of 3: runs 1–50 of 120');
    expect(button('First page of runs')?.disabled).toBe(true);
    expect(button('Previous page of runs')?.disabled).toBe(true);

    act(() => button('Next page of runs')?.click());
    expect(labels()).toEqual(page(50, 100));
    expect(pager()?.textContent).toContain('Page 2 of 3: runs 51–100 of 120');

    act(() => button('Last page of runs')?.click());
    expect(labels()).toEqual(page(100, RUNS));
    expect(pager()?.textContent).toContain('Page 3 of 3: runs 101–120 of 120');
    expect(button('Next page of runs')?.disabled).toBe(true);
    expect(button('Last page of runs')?.disabled).toBe(true);

    act(() => button('Previous page of runs')?.click());
    expect(labels()).toEqual(page(50, 100));
    act(() => button('First page of runs')?.click());
    expect(labels()).toEqual(page(0, PAGE_SIZE));
  });

  it('makes every pager control a real button with an accessible name, in reading order and in the Tab order', () => {
    const buttons = [...(pager()?.querySelectorAll('button') ?? [])];
    expect(buttons.map((b) => [b.type, b.getAttribute('aria-label'), b.textContent])).toEqual([
      ['button', 'First page of runs', '« First'],
      ['button', 'Previous page of runs', '‹ Previous'],
      ['button', 'Next page of runs', 'Next ›'],
      ['button', 'Last page of runs', 'Last »'],
    ]);
    // No tabindex takes a control out of the keyboard's reach.
    for (const b of buttons) expect(b.tabIndex).toBe(0);
  });

  it('turns to the page of the current run, once, so it can be found and the pager still moves away from it', () => {
    act(() => modules.useRunStore.setState({ current: runs[75] }));
    expect(labels()).toEqual(page(50, 100).map((label) => (label === 'run 75' ? 'run 75 (current)' : label)));
    const row = [...container.querySelectorAll('[data-testid="history-run"]')].find((li) =>
      li.textContent?.includes('(current)'),
    );
    // Its overlay box is ticked and locked: the current run is always drawn.
    expect(row?.querySelector<HTMLInputElement>('input[type="checkbox"]')).toMatchObject({
      checked: true,
      disabled: true,
    });

    act(() => button('First page of runs')?.click());
    expect(labels()).toEqual(page(0, PAGE_SIZE));
    // A later step of the same run (a new status) does not pull the page back.
    act(() => modules.useRunStore.setState({ current: { ...runs[75], status: 'paused' } }));
    expect(labels()).toEqual(page(0, PAGE_SIZE));

    // A new current run on the last page: the history turns there.
    act(() => modules.useRunStore.setState({ current: runs[110] }));
    expect(labels()).toContain('run 110 (current)');
    expect(pager()?.textContent).toContain('Page 3 of 3');
  });

  it('shows the last page when runs are deleted from under the page shown, and no pager once they fit on one', () => {
    act(() => button('Last page of runs')?.click());
    act(() => modules.useHistoryStore.setState({ runs: runs.slice(0, 60) }));
    expect(labels()).toEqual(page(50, 60));
    act(() => modules.useHistoryStore.setState({ runs: runs.slice(0, PAGE_SIZE) }));
    expect(labels()).toEqual(page(0, PAGE_SIZE));
    expect(pager()).toBeNull();
  });
});
