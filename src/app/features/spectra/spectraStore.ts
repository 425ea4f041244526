/**
 * Attention-spectrum analyses: the controls' choices, the one in progress, and the last few results kept as
 * snapshots so two (say "initialised standard" and "trained linformer") can be shown side by side.
 * Results hold singular values only; per-head summaries are derived from them for the current k.
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
import { SPECTRA_FIELDS, defaultSpectraChoices, type SpectraChoices } from './spectraFields';

export interface SpectraSnapshot {
  id: string;
  /** "#2 trained linformer (k = 32), n = 128, 2×2". */
  label: string;
  result: SpectraResult;
}

/** Snapshots kept: enough for the comparisons the paper makes, small enough to stay light in memory. */
export const MAX_SNAPSHOTS = 4;

interface SpectraState {
  source: SpectraSource;
  samples: number;
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
  show(id: string): void;
  compareWith(id: string | null): void;
  compute(settings: ExperimentSettings): Promise<void>;
  /** Stops the analysis in progress after its current batch; nothing of it is kept. */
  cancel(): void;
}

let nextNumber = 1;

const initial =
  typeof window === 'undefined' ? { values: defaultSpectraChoices(), notices: [] } : readLinkSection(SPECTRA_FIELDS, window.location.search);

export const useSpectraStore = create<SpectraState>((set, get) => ({
  source: initial.values.source,
  samples: initial.values.samples,
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
    set({ source });
    writeLink('edit');
    finishEdit();
  },
  setSamples(samples) {
    set({ samples });
    writeLink('edit');
  },
  show(id) {
    set({ shownId: id, compareId: get().compareId === id ? null : get().compareId });
  },
  compareWith(id) {
    set({ compareId: id });
  },
  async compute(settings) {
    if (get().phase === 'running') return;
    const { source, samples } = get();
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
  values: (): SpectraChoices => ({ source: useSpectraStore.getState().source, samples: useSpectraStore.getState().samples }),
  restore: (values, notices) => useSpectraStore.setState({ ...(values as SpectraChoices), notices }),
});
