// @vitest-environment jsdom
import { act, createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PAGE_SIZE } from '../../shared/forms/Pager';
import { ResultsTable } from './ResultsTable';
import { result, stored } from './testFinetune';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/** 2,000 results, the most one file may hold, each with its own accuracy so a row says which result it is. */
const many = Array.from({ length: 2000 }, (_, i) => stored(`r${i}`, { devAccuracy: i / 2000 }));

describe('the fine-tune results table with thousands of results', () => {
  let container: HTMLDivElement;
  let root: Root;
  beforeEach(() => {
    container = document.createElement('div');
    document.body.append(container);
    root = createRoot(container);
  });
  afterEach(() => {
    act(() => root.unmount());
    container.remove();
  });

  const render = (results = many) =>
    act(() => root.render(createElement(ResultsTable, { results, onRemove: () => {} })));
  const rows = () => [...container.querySelectorAll('[data-testid="finetune-row"]')];
  const button = (name: string) => container.querySelector<HTMLButtonElement>(`button[aria-label="${name}"]`);

  it('renders one page of rows, with labelled pager buttons that reach every page', () => {
    render();
    expect(rows()).toHaveLength(PAGE_SIZE);
    expect(rows()[0].textContent).toContain('0.0%');
    const nav = container.querySelector('nav[aria-label="Pages of results"]');
    expect(nav?.textContent).toContain('Page 1 of 40: results 1–50 of 2000');
    expect(button('Previous page of results')?.disabled).toBe(true);
    act(() => button('Next page of results')?.click());
    expect(rows()[0].textContent).toContain(`${((PAGE_SIZE / 2000) * 100).toFixed(1)}%`);
    act(() => button('Last page of results')?.click());
    expect(nav?.textContent).toContain('Page 40 of 40: results 1951–2000 of 2000');
    expect(button('Next page of results')?.disabled).toBe(true);
    // Every pager control is a real button, reachable by Tab in reading order.
    expect([...(nav?.querySelectorAll('button') ?? [])].map((b) => b.textContent)).toEqual([
      '« First',
      '‹ Previous',
      'Next ›',
      'Last »',
    ]);
  });

  it('names the trained run a result started from in its Pretrained cell', () => {
    const label = 'linformer k=8, n=32, seed 1, moby-dick';
    render([stored('t', { start: 'trained', pretrainingSteps: 200, trainedRunId: 'run-1', trainedRunLabel: label })]);
    const cells = [...rows()[0].querySelectorAll('td')].map((cell) => cell.textContent);
    expect(cells[2]).toBe(`yes (200 MLM steps on moby-dick, run "${label}")`);
  });

  it('shows the last page when results are removed from under the page shown, and no pager for one page', () => {
    render();
    act(() => button('Last page of results')?.click());
    render(many.slice(0, 60));
    expect(rows()).toHaveLength(10);
    render([stored('only', { ...result() })]);
    expect(rows()).toHaveLength(1);
    expect(container.querySelector('nav')).toBeNull();
  });
});
