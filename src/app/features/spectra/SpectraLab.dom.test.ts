// @vitest-environment jsdom
import { act, createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { useRunStore as RunStore } from '../training/runStore';

type RunRecord = NonNullable<ReturnType<typeof RunStore.getState>['current']>;

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

type Modules = {
  SpectraLab: typeof import('./SpectraLab').SpectraLab;
  useRunStore: typeof import('../training/runStore').useRunStore;
  useSpectraStore: typeof import('./spectraStore').useSpectraStore;
  useExperimentStore: typeof import('../../settings/experimentStore').useExperimentStore;
};

let modules: Modules;
let container: HTMLDivElement;
let root: Root;

/** A run record as the run store keeps it, reduced to what the section reads. */
function finishedRun(status: RunRecord['status'] = 'finished'): RunRecord {
  const settings = modules.useExperimentStore.getState().settings;
  return { id: 'run-1', label: 'standard, n=32, seed 1', settings: { ...settings, corpus: 'sotu' }, status, info: {} } as unknown as RunRecord;
}

function render() {
  act(() => root.render(createElement(modules.SpectraLab)));
}

const sourceSelect = () => container.querySelector<HTMLSelectElement>('select[aria-describedby]')!;
const labels = () => [...container.querySelectorAll('label')].map((label) => label.textContent);
const trainedNote = () => container.querySelector('[data-testid="spectra-trained-note"]')?.textContent ?? null;

describe('the spectra section’s controls', () => {
  beforeAll(async () => {
    // A page opened from a link that sets only the model (no "ss"): the source is not chosen.
    window.history.replaceState(null, '', '/?v=2&n=32&k=8&a=standard');
    modules = {
      SpectraLab: (await import('./SpectraLab')).SpectraLab,
      useRunStore: (await import('../training/runStore')).useRunStore,
      useSpectraStore: (await import('./spectraStore')).useSpectraStore,
      useExperimentStore: (await import('../../settings/experimentStore')).useExperimentStore,
    };
  });
  beforeEach(() => {
    container = document.createElement('div');
    document.body.append(container);
    root = createRoot(container);
    modules.useRunStore.setState({ current: null });
    modules.useSpectraStore.setState({ source: 'initialised', sourceChosen: false });
  });
  afterEach(() => {
    act(() => root.unmount());
    container.remove();
  });

  it('says plainly that there is no trained model yet, and offers the index i but not the model’s k', () => {
    render();
    expect(trainedNote()).toMatch(/^No trained model yet in this session: only initialised models can be analysed/);
    expect(sourceSelect().value).toBe('initialised');
    expect(labels()).toContain('Index i of the top-i share');
    expect(labels()).not.toContain('Projected length k');
  });

  it('shows the k control only for an initialised Linformer, where it sets the analysed model', () => {
    render();
    act(() => modules.useExperimentStore.getState().set('attention', 'linformer'));
    expect(labels()).toContain('Projected length k');
    act(() => modules.useExperimentStore.getState().set('attention', 'standard'));
    expect(labels()).not.toContain('Projected length k');
  });

  it('turns to the trained model once a run has finished, unless a source was chosen', () => {
    render();
    act(() => modules.useRunStore.setState({ current: finishedRun('running') }));
    expect(sourceSelect().value).toBe('initialised');
    expect(trainedNote()).toMatch(/once it finishes/);
    act(() => modules.useRunStore.setState({ current: finishedRun('finished') }));
    expect(sourceSelect().value).toBe('trained');
    expect(trainedNote()).toMatch(/chosen because that run has finished/);
    // Analysed on the run's own corpus.
    expect(container.textContent).toContain('masked validation windows of sotu');
    // The automatic choice is not written into the link.
    expect(new URLSearchParams(window.location.search).has('ss')).toBe(false);
    // A pick in the control wins from then on.
    act(() => {
      sourceSelect().value = 'initialised';
      sourceSelect().dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(sourceSelect().value).toBe('initialised');
    expect(modules.useSpectraStore.getState().sourceChosen).toBe(true);
  });

  it('lets an explicit "ss" win over a finished run', () => {
    modules.useSpectraStore.setState({ source: 'initialised', sourceChosen: true });
    modules.useRunStore.setState({ current: finishedRun('finished') });
    render();
    expect(sourceSelect().value).toBe('initialised');
    expect(trainedNote()).toBeNull();
  });

  it('draws a snapshot at the index i clamped to its spectrum, with the reference curves named', async () => {
    const sigma = new Float64Array([1, 0.5, 0.25, 0.125, 0.1, 0.05, 0.02, 0.01]);
    const spectra = [0, 1].flatMap((layer) => [0, 1].map((head) => ({ layer, head, sequence: 0, rows: 8, cols: 8, sigma })));
    const result = {
      source: 'initialised',
      corpus: 'moby-dick',
      config: { attention: 'standard', kPerLayer: [8, 8], seqLen: 8, layers: 2, heads: 2 },
      sequences: 1,
      spectra,
      precision: { entries: 'float32', gram: 'float64' },
      backend: 'cpu',
      poolSize: 0,
      timing: { totalMs: 1, attentionMs: 1, svdMs: 1 },
    };
    modules.useSpectraStore.setState({
      topIndex: 32,
      snapshots: [{ id: 'spectra-x', label: '#1 initialised standard, n = 8, 2×2', result: result as never }],
      shownId: 'spectra-x',
    });
    render();
    expect(container.querySelector('[data-testid="spectra-index-note"]')?.textContent).toMatch(/i = 32 is more than the 8 singular values/);
    expect(container.querySelector('[data-testid="spectra-reference-legend"]')?.textContent).toMatch(/references for a 8 × 8 matrix/);
    const headers = [...container.querySelectorAll('[data-testid="spectra-table"] th')].map((th) => th.textContent);
    expect(headers).toContain('Top-8 share');
    expect(headers).toContain('Rank-8 error');
    const rows = [...container.querySelectorAll('[data-testid="spectra-table"] tbody tr')].map((tr) =>
      [...tr.querySelectorAll('td')].slice(0, 2).map((td) => td.textContent),
    );
    expect(rows).toEqual([['1', '1'], ['1', '2'], ['2', '1'], ['2', '2']]);
    // Inside the spectrum, the index is used as chosen.
    act(() => modules.useSpectraStore.getState().setTopIndex(3));
    expect(container.querySelector('[data-testid="spectra-index-note"]')).toBeNull();
    expect([...container.querySelectorAll('[data-testid="spectra-table"] th')].map((th) => th.textContent)).toContain('Top-3 share');

    // The colour scale: fitted to the values shown by default, fixed to 0–1 on request, and said in the caption.
    const caption = () => container.querySelector('[data-testid="spectra-heatmap"] .caption')?.textContent ?? '';
    expect(labels()).toContain('Colour scale');
    expect(caption()).toContain('Colours span the values shown');
    const scaleSelect = [...container.querySelectorAll('select')].find((select) =>
      [...select.options].some((option) => option.textContent === 'fixed 0 to 1'),
    )!;
    expect(scaleSelect.value).toBe('fit');
    act(() => {
      scaleSelect.value = 'fixed';
      scaleSelect.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(modules.useSpectraStore.getState().colourScale).toBe('fixed');
    expect(new URLSearchParams(window.location.search).get('sc')).toBe('fixed');
    // The chart redraws once a frame.
    await new Promise((resolve) => requestAnimationFrame(resolve));
    expect(caption()).toContain('Colours run from 0 to 1.');
    act(() => modules.useSpectraStore.setState({ snapshots: [], shownId: null, topIndex: 8, colourScale: 'fit' }));
  });
});
