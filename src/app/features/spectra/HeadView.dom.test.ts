// @vitest-environment jsdom
import { act, createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HeadAttentionRequest, HeadAttentionResult } from '../../../worker/headTypes';
import { defaultSettings, type ExperimentSettings } from '../../settings/schema';
import { fakeHead } from './testing/fakeHead';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

// The worker is replaced by a function that answers with a head built on the spot.
const headAttention = vi.fn<(request: HeadAttentionRequest) => Promise<HeadAttentionResult>>();
vi.mock('../../shared/compute/computeClient', () => ({ computeWorker: () => ({ headAttention }) }));

type Modules = {
  HeadView: typeof import('./HeadView').HeadView;
  useHeadStore: typeof import('./headStore').useHeadStore;
};
let modules: Modules;
let container: HTMLDivElement;
let root: Root;

const TEXT = 'call me ishmael.';
const settings: ExperimentSettings = { ...defaultSettings(), seqLen: 16, layers: 2, heads: 2, attention: 'standard' };

function render(props: Partial<Parameters<Modules['HeadView']>[0]> = {}) {
  act(() =>
    root.render(
      createElement(modules.HeadView, {
        source: 'initialised',
        modelSettings: settings,
        samples: 8,
        trained: 'none',
        backendReady: true,
        ...props,
      }),
    ),
  );
}

const byTestId = (id: string) => container.querySelector(`[data-testid="${id}"]`);
const button = () => [...container.querySelectorAll('button')].find((b) => b.textContent === 'Show this head')!;
const slider = () => container.querySelector<HTMLInputElement>('input[type="range"]')!;
const shownError = () => Number(byTestId('head-error')?.getAttribute('data-error'));

/** Moves the slider as a user would: React reads the native value on the input event. */
function slide(value: number) {
  act(() => {
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(slider(), String(value));
    slider().dispatchEvent(new Event('input', { bubbles: true }));
  });
}

async function clickShow() {
  await act(async () => {
    button().click();
  });
}

/** Charts draw on the next animation frame. */
async function nextFrame() {
  await act(async () => {
    await new Promise((resolve) => requestAnimationFrame(resolve));
  });
}

describe('the head view', () => {
  beforeAll(async () => {
    window.history.replaceState(null, '', '/?v=2&n=16&a=standard');
    modules = {
      HeadView: (await import('./HeadView')).HeadView,
      useHeadStore: (await import('./headStore')).useHeadStore,
    };
  });
  beforeEach(() => {
    container = document.createElement('div');
    document.body.append(container);
    root = createRoot(container);
    headAttention.mockReset();
    headAttention.mockImplementation(async () => fakeHead(TEXT, 16));
    modules.useHeadStore.setState({ layer: 1, head: 1, sequence: 1, rank: 8, windowStart: 1, phase: 'idle', error: null, result: null, resultKey: null });
  });
  afterEach(() => {
    act(() => root.unmount());
    container.remove();
  });

  it('offers labelled controls with help and says no head is shown yet', () => {
    render();
    const labels = [...container.querySelectorAll('label')].map((l) => l.textContent);
    expect(labels).toEqual(['Layer', 'Head', 'Sequence']);
    for (const input of container.querySelectorAll('input')) expect(input.getAttribute('aria-describedby')).toBeTruthy();
    expect(byTestId('head-status')?.textContent).toBe('No head shown yet.');
    expect(byTestId('head-heatmap-p')).toBeNull();
    expect(button().disabled).toBe(false);
  });

  it('reads the chosen head on the button and draws P over its tokens, P_r and the singular values', async () => {
    render();
    await clickShow();
    expect(headAttention).toHaveBeenCalledTimes(1);
    expect(headAttention.mock.calls[0][0]).toMatchObject({ source: 'initialised', layer: 0, head: 0, sequence: 0, samples: 8 });
    expect(byTestId('head-status')?.textContent).toMatch(/^Shown: initialised standard, layer 2 · head 1, sequence 3 of 8/);
    await nextFrame();
    expect(byTestId('head-heatmap-p')!.querySelectorAll('g.cell')).toHaveLength(16 * 16);
    expect(byTestId('head-heatmap-pr')!.querySelectorAll('g.cell')).toHaveLength(16 * 16);
    const rowLabels = [...byTestId('head-heatmap-p')!.querySelectorAll('g.row-labels text')].map((t) => t.textContent);
    expect(rowLabels.slice(0, 5)).toEqual(['c', '█', 'l', 'l', '␣']);
    expect(byTestId('head-spectrum')!.querySelectorAll('g.series').length).toBeGreaterThanOrEqual(3);
    expect(byTestId('head-rank-value')?.textContent).toBe('r = 8 of 16');
    // Every figure exports.
    const exports = [...container.querySelectorAll('button')].map((b) => b.getAttribute('aria-label')).filter(Boolean);
    expect(exports).toContain('Download P: attention probabilities as SVG');
    expect(exports.filter((name) => name!.endsWith('as SVG'))).toHaveLength(3);
  });

  it('moves the error with r: smaller at larger r, 0 at r = n, written into the link', async () => {
    render();
    await clickShow();
    const atEight = shownError();
    slide(1);
    const atOne = shownError();
    slide(16);
    expect(shownError()).toBe(0);
    expect(byTestId('head-error')?.textContent).toContain('= 0 at r = 16 of 16');
    expect(atOne).toBeGreaterThan(atEight);
    expect(atEight).toBeGreaterThan(0);
    expect(new URLSearchParams(window.location.search).get('svr')).toBe('16');
    expect(headAttention).toHaveBeenCalledTimes(1);
  });

  it('reads a new selection at once once a head is on show', async () => {
    render();
    await clickShow();
    await act(async () => modules.useHeadStore.getState().choose('head', 2));
    expect(headAttention).toHaveBeenCalledTimes(2);
    expect(headAttention.mock.calls[1][0]).toMatchObject({ head: 1 });
  });

  it('shows an error instead of a blank, and keeps the head shown before', async () => {
    render();
    await clickShow();
    headAttention.mockRejectedValueOnce(new Error('The model has 2 layers: there is no layer 3.'));
    await clickShow();
    expect(byTestId('head-status')?.getAttribute('role')).toBe('alert');
    expect(byTestId('head-status')?.textContent).toBe('Failed: The model has 2 layers: there is no layer 3.');
    expect(byTestId('head-heatmap-p')).not.toBeNull();
  });

  it('says when there is no trained model, or no such sequence, and offers no button then', () => {
    render({ source: 'trained', trained: 'none' });
    expect(byTestId('head-no-model')?.textContent).toMatch(/There is no trained model yet/);
    expect(button().disabled).toBe(true);
    act(() => modules.useHeadStore.setState({ sequence: 9 }));
    render({ source: 'initialised' });
    expect(byTestId('head-range-note')?.textContent).toMatch(/Only 8 sequences are sampled/);
    expect(button().disabled).toBe(true);
  });

  it('shows Linformer’s P̄ with numbered compressed key positions and says what they are', async () => {
    headAttention.mockImplementation(async () => fakeHead(TEXT, 4, 'linformer'));
    render({ modelSettings: { ...settings, attention: 'linformer', k: 4 } });
    await clickShow();
    await nextFrame();
    expect(byTestId('head-linformer-note')?.textContent).toMatch(/columns are compressed\s+key positions/);
    const colLabels = [...byTestId('head-heatmap-p')!.querySelectorAll('g.col-labels text')].map((t) => t.textContent);
    expect(colLabels).toEqual(['1', '2', '3', '4']);
    // At most k singular values: r runs to 4, where the error is 0 by construction.
    expect(slider().max).toBe('4');
    expect(byTestId('head-rank-value')?.textContent).toBe('r = 4 of 4');
    expect(shownError()).toBe(0);
  });
});
