/**
 * Attention-spectrum analyses: the controls' choices, the one in progress, and the last few results kept as
 * snapshots so two (say "initialised standard" and "trained linformer") can be shown side by side.
 * Results hold singular values only; per-head summaries are derived from them for the chosen index i.
 */
import { create } from 'zustand';
import * as Comlink from 'comlink';
import { computeWorker } from '../../shared/compute/computeClient';
import { describeError } from '../../shared/format/describeError';
import { toRunSpec } from '../../settings/toRunSpec';
import type { ExperimentSettings } from '../../settings/schema';
import { describeResult } from './spectraFigureData';
import type { SpectraProgress, SpectraResult, SpectraSource } from '../../../worker/spectraTypes';
import { finishEdit, readLinkSection, registerLinkSection, writeLink } from '../../settings/link';
import { SPECTRA_FIELDS, defaultSpectraChoices, type ColourScale, type SpectraChoices } from './spectraFields';
import { linkChoosesSource } from './spectraSource';

export interface SpectraSnapshot {
  id: string;
  /** "#2 trained linformer (k = 32), n = 128, 2×2". */
  label: string;
  result: SpectraResult;
}

/** Snapshots kept: enough for the comparisons the paper makes, small enough to stay light in memory. */
export const MAX_SNAPSHOTS = 4;

interface SpectraState {
  /** The source as chosen (or the field's default when `sourceChosen` is false): see spectraSource.ts. */
  source: SpectraSource;
  /** Whether the source was chosen, by an "ss" in the link or in the control; if not, a finished run decides. */
  sourceChosen: boolean;
  samples: number;
  /** The index i of the "top-i share" heatmap, table and marker (independent of the model's k). */
  topIndex: number;
  /** The heatmap's colour scale: fitted to the results on show, or fixed to [0, 1]. */
  colourScale: ColourScale;
  /** Repairs made reading this section's settings from a link (plain text). */
  notices: string[];
  dismissNotices(): void;
  phase: 'idle' | 'running' | 'done' | 'failed' | 'cancelled';
  progress: SpectraProgress | null;
  error: string | null;
  /** Newest first. */
  snapshots: SpectraSnapshot[];
  shownId: string | null;
  compareId: string | null;
  setSource(source: SpectraSource): void;
  setSamples(samples: number): void;
  setTopIndex(topIndex: number): void;
  setColourScale(colourScale: ColourScale): void;
  show(id: string): void;
  compareWith(id: string | null): void;
  /** Analyses `source` (the effective one: see spectraSource.ts) with the model and corpus of `settings`. */
  compute(settings: ExperimentSettings, source: SpectraSource): Promise<void>;
  /** Stops the analysis in progress after its current batch; nothing of it is kept. */
  cancel(): void;
}

let nextNumber = 1;

const search = typeof window === 'undefined' ? '' : window.location.search;
const initial = search === '' ? { values: defaultSpectraChoices(), notices: [] } : readLinkSection(SPECTRA_FIELDS, search);

export const useSpectraStore = create<SpectraState>((set, get) => ({
  source: initial.values.source,
  sourceChosen: linkChoosesSource(search),
  samples: initial.values.samples,
  topIndex: initial.values.topIndex,
  colourScale: initial.values.colourScale,
  notices: initial.notices,
  dismissNotices() {
    set({ notices: [] });
  },
  phase: 'idle',
  progress: null,
  error: null,
  snapshots: [],
  shownId: null,
  compareId: null,
  setSource(source) {
    set({ source, sourceChosen: true });
    writeLink('edit');
    finishEdit();
  },
  setSamples(samples) {
    set({ samples });
    writeLink('edit');
  },
  setTopIndex(topIndex) {
    set({ topIndex });
    writeLink('edit');
  },
  setColourScale(colourScale) {
    set({ colourScale });
    // A pick in a list is a finished edit: one history entry.
    writeLink('edit');
    finishEdit();
  },
  show(id) {
    set({ shownId: id, compareId: get().compareId === id ? null : get().compareId });
  },
  compareWith(id) {
    set({ compareId: id });
  },
  async compute(settings, source) {
    if (get().phase === 'running') return;
    const { samples } = get();
    set({ phase: 'running', error: null, progress: null });
    try {
      const spec = toRunSpec(settings);
      const result = await computeWorker().computeSpectra(
        { source, corpus: spec.corpus, model: spec.model, samples },
        Comlink.proxy({ progress: (progress: SpectraProgress) => set({ progress }) }),
      );
      if (!result) {
        set({ phase: 'cancelled' });
        return;
      }
      const snapshot: SpectraSnapshot = { id: `spectra-${nextNumber}`, label: `#${nextNumber} ${describeResult(result)}`, result };
      nextNumber += 1;
      const snapshots = [snapshot, ...get().snapshots].slice(0, MAX_SNAPSHOTS);
      const compareId = snapshots.some((s) => s.id === get().compareId) ? get().compareId : null;
      set({ phase: 'done', snapshots, shownId: snapshot.id, compareId });
    } catch (error) {
      set({ phase: 'failed', error: describeError(error) });
    }
  },
  cancel() {
    if (get().phase === 'running') void computeWorker().cancelSpectra();
  },
}));

registerLinkSection({
  name: 'spectra',
  fields: SPECTRA_FIELDS,
  // The source as chosen, never the one derived from a finished run: that one belongs to this page session only.
  values: (): SpectraChoices => {
    const { source, samples, topIndex, colourScale } = useSpectraStore.getState();
    return { source, samples, topIndex, colourScale };
  },
  restore: (values, notices) =>
    useSpectraStore.setState({ ...(values as SpectraChoices), sourceChosen: linkChoosesSource(window.location.search), notices }),
});
