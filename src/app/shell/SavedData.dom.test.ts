// @vitest-environment jsdom
import { act, createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SavedData } from './SavedData';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

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

const button = (name: string) =>
  [...container.querySelectorAll('button')].find((b) => b.textContent === name) ?? null;

async function click(name: string) {
  const target = button(name);
  expect(target, `a "${name}" button`).not.toBeNull();
  await act(async () => target!.click());
}

describe('clearing all saved data', () => {
  it('says where the data lives, asks before clearing, and keeps everything on "Keep"', async () => {
    const clear = vi.fn(async () => {});
    const reload = vi.fn();
    act(() => root.render(createElement(SavedData, { clear, reload })));
    const text = container.textContent ?? '';
    expect(text).toMatch(/IndexedDB/);
    expect(text).toMatch(/localStorage/);
    expect(text).toMatch(/Nothing leaves this machine/);
    // The control says what it does.
    const open = button('Clear all saved data')!;
    expect(document.getElementById(open.getAttribute('aria-describedby')!)?.textContent).toMatch(/then reloads/);

    await click('Clear all saved data');
    expect(container.textContent).toMatch(/Are you sure\?/);
    expect(button('Clear all saved data')).toBeNull();
    // The safe answer has focus, so Enter does not delete anything.
    expect(document.activeElement).toBe(button('Keep'));

    await click('Keep');
    expect(clear).not.toHaveBeenCalled();
    expect(reload).not.toHaveBeenCalled();
    expect(container.textContent).not.toMatch(/Are you sure\?/);
    expect(document.activeElement).toBe(button('Clear all saved data'));
  });

  it('clears, then reloads the page, on "Clear"', async () => {
    const clear = vi.fn(async () => {});
    const reload = vi.fn();
    act(() => root.render(createElement(SavedData, { clear, reload })));
    await click('Clear all saved data');
    await click('Clear');
    expect(clear).toHaveBeenCalledTimes(1);
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('says that nothing was cleared when clearing fails, and does not reload', async () => {
    const clear = vi.fn(async () => {
      throw new Error('the database is blocked by another tab');
    });
    const reload = vi.fn();
    act(() => root.render(createElement(SavedData, { clear, reload })));
    await click('Clear all saved data');
    await click('Clear');
    expect(reload).not.toHaveBeenCalled();
    const alert = container.querySelector('[role="alert"]');
    expect(alert?.textContent).toBe('Nothing was cleared: the database is blocked by another tab');
    expect(button('Clear all saved data')).not.toBeNull();
  });
});
