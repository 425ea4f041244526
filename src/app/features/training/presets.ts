/**
 * One-click set-ups for the paper's Figure 3 comparisons at browser scale. A preset is a shared base plus the
 * runs to make one after another; it only fills in settings — the runs themselves are started by the user, and
 * each finished run stays in the history, overlaid on the figure.
 */
import { defaultSettings, type ExperimentSettings } from '../../settings/schema';
import { reconcile, serializeSettings } from '../../settings/urlState';

export interface PresetRun {
  label: string;
  patch: Partial<ExperimentSettings>;
}

export interface Preset {
  id: 'k-at-fixed-n' | 'n-at-fixed-k' | 'sharing';
  title: string;
  /** What the comparison tests, in one sentence. */
  question: string;
  /** Everything the runs share (small enough for a laptop GPU in a few minutes per run). */
  base: Partial<ExperimentSettings>;
  runs: readonly PresetRun[];
  /** What the paper found, to compare with. */
  paper: string;
}

/** Small model, short runs: big enough to learn characters, small enough for a browser. */
const SMALL: Partial<ExperimentSettings> = {
  corpus: 'moby-dick',
  attention: 'linformer',
  projection: 'linear',
  sharing: 'none',
  kPerLayer: [],
  layers: 2,
  heads: 2,
  dModel: 64,
  dFF: 128,
  dropout: 0,
  learningRate: 2e-3,
  batchSize: 8,
  steps: 300,
  warmupSteps: 30,
  evalInterval: 25,
  seed: 1,
};

/** One run per value of a single setting: the comparisons below vary one thing at a time. */
function runsOver<K extends keyof ExperimentSettings>(
  key: K,
  values: readonly ExperimentSettings[K][],
  label: (value: ExperimentSettings[K]) => string,
): PresetRun[] {
  return values.map((value) => {
    const patch: Partial<ExperimentSettings> = {};
    patch[key] = value;
    return { label: label(value), patch };
  });
}

const SHARING_LABELS: Record<ExperimentSettings['sharing'], string> = {
  none: 'no sharing',
  headwise: 'headwise',
  kv: 'key-value',
  layerwise: 'layerwise',
};

export const PRESETS: readonly Preset[] = [
  {
    id: 'k-at-fixed-n',
    title: 'k varied at fixed n',
    question: 'At n = 128, how close does Linformer get to standard attention as k grows?',
    base: { ...SMALL, seqLen: 128 },
    runs: [
      { label: 'standard attention', patch: { attention: 'standard', k: 32 } },
      ...runsOver('k', [8, 16, 32], (k) => `k = ${k}`),
    ],
    paper: 'Figure 3(a), n = 512: perplexity improves with k, and k = 128 nearly matches the Transformer.',
  },
  {
    id: 'n-at-fixed-k',
    title: 'n varied at fixed k',
    question: 'With k = 16 fixed, does the final perplexity stay about the same as n grows from 32 to 256?',
    base: { ...SMALL, k: 16 },
    runs: runsOver('seqLen', [32, 64, 128, 256], (n) => `n = ${n}`),
    paper: 'Figure 3(d), k = 256: final perplexities at n = 512 … 4096 are about the same.',
  },
  {
    id: 'sharing',
    title: 'sharing modes compared',
    question: 'At n = 128, k = 16, how much do the projection-sharing modes cost in perplexity?',
    base: { ...SMALL, seqLen: 128, k: 16 },
    runs: runsOver('sharing', ['none', 'headwise', 'kv', 'layerwise'], (sharing) => SHARING_LABELS[sharing]),
    paper: 'Figure 3(c), n = 512: layerwise sharing (one projection for the whole model) almost matches no sharing.',
  },
];

/** The full settings of one run of a preset (defaults, then the shared base, then the run's own values). */
export function presetSettings(preset: Preset, runIndex: number): ExperimentSettings {
  const run = preset.runs[runIndex];
  if (!run) throw new Error(`Preset ${preset.id} has no run ${runIndex}`);
  const settings = { ...defaultSettings(), ...preset.base, ...run.patch } as ExperimentSettings;
  reconcile(settings);
  return settings;
}

/** Two settings describe the same experiment when their links are the same. */
export function sameExperiment(a: ExperimentSettings, b: ExperimentSettings): boolean {
  return serializeSettings(a) === serializeSettings(b);
}
