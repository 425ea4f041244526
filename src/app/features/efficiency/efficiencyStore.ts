/**
 * The efficiency lab's state: the selected (n, k), the sweep lists, and the rows the worker streams back.
 * The model shape (layers, heads, widths, batch, sharing, projection) comes from the experiment settings,
 * so the lab measures the model the training lab trains.
 */
import { finishEdit, readLinkSection, registerLinkSection, writeLink } from '../../settings/link';
import { EFFICIENCY_FIELDS, defaultEfficiencyChoices, type EfficiencyChoices } from './efficiencyFields';
import * as Comlink from 'comlink';
import { create } from 'zustand';
import type { SweepShape } from '../../../lib/efficiency';
import type { BenchmarkOutcome, BenchmarkRequest, BenchProgress, BenchRow, BenchSkip } from '../../../worker/benchTypes';
import { computeWorker } from '../../shared/compute/computeClient';
import { describeError } from '../../shared/format/describeError';
import { useExperimentStore } from '../../settings/experimentStore';

/**
 * The vocabulary the lab times (it sets the MLM head's cost) is the training lab's: that of the corpus and tokenizer
 * chosen in the settings, as the worker reads it (specials included), so both labs report one number.
 */
export interface BenchVocabulary {
  corpus: string;
  tokenizer: string;
  size: number;
}

/** The vocabulary size for these settings, when the one read is theirs; null while it is being read. */
export function vocabFor(vocab: BenchVocabulary | null, settings: { corpus: string; tokenizer: string }): number | null {
  return vocab && vocab.corpus === settings.corpus && vocab.tokenizer === settings.tokenizer ? vocab.size : null;
}
/** A training step must fit in this much memory, or the point is skipped before it runs. */
export const BENCH_BUDGET_BYTES = 1.5 * 2 ** 30;

export type EfficiencyPhase = 'idle' | 'running' | 'finished' | 'cancelled' | 'failed';

export interface BenchOptions {
  warmup: number;
  repeats: number;
  training: boolean;
}

interface EfficiencyState {
  /** Repairs made reading this section's settings from a link (plain text). */
  notices: string[];
  dismissNotices(): void;
  n: number;
  k: number;
  sweepNs: number[];
  sweepKs: number[];
  options: BenchOptions;
  phase: EfficiencyPhase;
  progress: BenchProgress | null;
  rows: BenchRow[];
  skipped: BenchSkip[];
  message: string | null;
  /** The corpus vocabulary last read (see vocabFor); null until the first read. */
  vocab: BenchVocabulary | null;
  /** Why the vocabulary could not be read, or null. */
  vocabError: string | null;
  /** Reads the vocabulary of the corpus and tokenizer now in the settings (once per pair). */
  loadVocab(): Promise<void>;
  setN(n: number): void;
  setK(k: number): void;
  setSweep(ns: number[], ks: number[]): void;
  setOptions(patch: Partial<BenchOptions>): void;
  /** Measures the selected (n, k): standard and Linformer. */
  measurePoint(): Promise<BenchmarkOutcome | null>;
  runSweep(ns?: number[], ks?: number[]): Promise<BenchmarkOutcome | null>;
  cancel(): void;
  clear(): void;
}

/**
 * The model shape and batch of the current experiment settings, with their corpus's vocabulary; NaN for the
 * vocabulary while it is being read (the lab's buttons wait for it).
 */
export function currentShape(): SweepShape & { batch: number } {
  const s = useExperimentStore.getState().settings;
  return {
    layers: s.layers,
    heads: s.heads,
    dModel: s.dModel,
    dFF: s.dFF,
    vocabSize: vocabFor(useEfficiencyStore.getState().vocab, s) ?? NaN,
    sharing: s.sharing,
    projection: s.projection,
    batch: s.batchSize,
  };
}

/** What the worker is asked to sweep: the current model shape over `ns` × `ks`, timed as `options` say. */
export function sweepRequest(ns: number[], ks: number[], options: BenchOptions): BenchmarkRequest {
  return { ...currentShape(), ns, ks, ...options, budgetBytes: BENCH_BUDGET_BYTES };
}

/** The store's settings from the link's values (k never above n). */
function fromChoices(choices: EfficiencyChoices) {
  return {
    n: choices.n,
    k: Math.min(choices.k, choices.n),
    sweepNs: [...choices.sweepNs],
    sweepKs: [...choices.sweepKs],
    options: { warmup: choices.warmup, repeats: choices.repeats, training: choices.training === 'yes' },
  };
}

function toChoices(state: Pick<EfficiencyState, 'n' | 'k' | 'sweepNs' | 'sweepKs' | 'options'>): EfficiencyChoices {
  const { n, k, sweepNs, sweepKs, options } = state;
  return { n, k, sweepNs, sweepKs, warmup: options.warmup, repeats: options.repeats, training: options.training ? 'yes' : 'no' };
}

const initial =
  typeof window === 'undefined'
    ? { values: defaultEfficiencyChoices(), notices: [] }
    : readLinkSection(EFFICIENCY_FIELDS, window.location.search);

/** Rows of one model shape can share a figure; the key says which shape a row belongs to. */
export const shapeKey = (
  row: Pick<BenchRow, 'layers' | 'heads' | 'dModel' | 'dFF' | 'batch' | 'vocabSize' | 'sharing' | 'projection'>,
) => [row.layers, row.heads, row.dModel, row.dFF, row.batch, row.vocabSize, row.sharing, row.projection].join('/');
const pointKey = (row: Pick<BenchRow, 'n' | 'k' | 'attention'>) => `${row.attention}:${row.n}:${row.k}`;

export const useEfficiencyStore = create<EfficiencyState>((set, get) => {
  async function run(ns: number[], ks: number[]): Promise<BenchmarkOutcome | null> {
    if (get().phase === 'running') return null;
    // A sweep asked for before the vocabulary was read (a headless driver, scripts/bench.ts) reads it first.
    if (!Number.isInteger(currentShape().vocabSize)) await get().loadVocab();
    if (get().phase === 'running') return null;
    const request = sweepRequest(ns, ks, get().options);
    if (!Number.isInteger(request.vocabSize)) {
      set({ phase: 'failed', message: get().vocabError ?? 'The corpus vocabulary could not be read.' });
      return null;
    }
    // Rows of another model shape cannot share a figure with the new ones.
    const key = shapeKey(request);
    const kept = get().rows.filter((row) => shapeKey(row) === key);
    set({ phase: 'running', progress: null, message: null, skipped: [], rows: kept });
    try {
      const outcome = await computeWorker().runBenchmark(
        request,
        Comlink.proxy({
          row: (row: BenchRow) =>
            set((state) => ({ rows: [...state.rows.filter((r) => pointKey(r) !== pointKey(row)), row] })),
          skipped: (skip: BenchSkip) => set((state) => ({ skipped: [...state.skipped, skip] })),
          progress: (progress: BenchProgress) => set({ progress }),
        }),
      );
      set({ phase: outcome.status, message: outcome.message });
      return outcome;
    } catch (error) {
      set({ phase: 'failed', message: describeError(error) });
      return null;
    }
  }

  return {
    ...fromChoices(initial.values),
    notices: initial.notices,
    dismissNotices() {
      set({ notices: [] });
    },
    phase: 'idle',
    progress: null,
    vocab: null,
    vocabError: null,
    async loadVocab() {
      const { corpus, tokenizer } = useExperimentStore.getState().settings;
      if (vocabFor(get().vocab, { corpus, tokenizer }) !== null) return;
      try {
        const size = await computeWorker().corpusVocabSize(corpus, tokenizer);
        const now = useExperimentStore.getState().settings;
        // A later choice of corpus wins over a read that finished after it.
        if (now.corpus === corpus && now.tokenizer === tokenizer) set({ vocab: { corpus, tokenizer, size }, vocabError: null });
      } catch (error) {
        set({ vocabError: `The vocabulary of ${corpus} could not be read: ${describeError(error)}` });
      }
    },
    rows: [],
    skipped: [],
    message: null,
    setN(n) {
      // k never above n.
      set((state) => ({ n, k: Math.min(state.k, n) }));
      writeLink('edit');
    },
    setK(k) {
      set((state) => ({ k: Math.min(k, state.n) }));
      writeLink('edit');
    },
    setSweep(sweepNs, sweepKs) {
      set({ sweepNs, sweepKs });
      writeLink('edit');
      finishEdit(); // the lists change when their box is left: one finished edit
    },
    setOptions(patch) {
      set((state) => ({ options: { ...state.options, ...patch } }));
      writeLink('edit');
    },
    measurePoint() {
      const { n, k } = get();
      return run([n], [k]);
    },
    runSweep(ns, ks) {
      return run(ns ?? get().sweepNs, ks ?? get().sweepKs);
    },
    cancel() {
      if (get().phase === 'running') void computeWorker().cancelBenchmark();
    },
    clear() {
      if (get().phase !== 'running') set({ rows: [], skipped: [], progress: null, message: null, phase: 'idle' });
    },
  };
});

/**
 * A small hook for headless drivers (scripts/bench.ts): `await window.linformerBench.run([256, 512], [64])`
 * runs a sweep exactly as the buttons do and resolves with its outcome.
 */
declare global {
  interface Window {
    linformerBench?: {
      run(ns: number[], ks: number[], options?: Partial<BenchOptions>): Promise<BenchmarkOutcome | null>;
    };
  }
}

registerLinkSection({
  name: 'efficiency lab',
  fields: EFFICIENCY_FIELDS,
  values: () => toChoices(useEfficiencyStore.getState()),
  restore: (values, notices) => useEfficiencyStore.setState({ ...fromChoices(values as EfficiencyChoices), notices }),
});

if (typeof window !== 'undefined') {
  window.linformerBench = {
    run(ns, ks, options) {
      if (options) useEfficiencyStore.getState().setOptions(options);
      useEfficiencyStore.getState().setSweep(ns, ks);
      return useEfficiencyStore.getState().runSweep(ns, ks);
    },
  };
}
