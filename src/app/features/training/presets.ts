/**
 * One-click set-ups for the paper's Figure 3 comparisons. A preset is a claim, the configurations that test it
 * and two sizes:
 * - quick look: minutes on a slow backend, and too small to separate the models (its verdict says so);
 * - claim size: chosen by measurement (`npm run reproduce`, README "Reproducing Figure 3") so that the standard
 *   model ends well below the context-blind floor, which is what makes a comparison mean anything.
 * Every configuration runs once per seed; the same definitions drive the app's preset queue and the headless
 * reproduction.
 */
import type { ClaimKind } from '../../../lib/experiments/claimVerdict';
import { defaultSettings, type ExperimentSettings } from '../../settings/schema';
import { reconcile, serializeSettings } from '../../settings/urlState';

export type PresetId = 'k-at-fixed-n' | 'n-at-fixed-k' | 'sharing';
export type PresetSize = 'quick' | 'claim';
export const PRESET_SIZES: readonly PresetSize[] = ['quick', 'claim'];
export const SIZE_NAMES: Readonly<Record<PresetSize, string>> = { quick: 'Quick look', claim: 'Claim size' };
export const DEFAULT_SEEDS = 3;
/** Said beside a quick look's verdict when it tells nothing, as it is meant to. */
export const QUICK_LOOK_NOTE =
  'This is the quick look, too small by design to learn context: run the claim size to test the claim.';

export interface PresetRun {
  /** The configuration's name in figures and verdicts ("k = 8"); seeds are not part of it. */
  label: string;
  patch: Partial<ExperimentSettings>;
}

export interface PresetVariant {
  /** Everything this size's runs share. */
  base: Partial<ExperimentSettings>;
  /** What this size is, in a few words, for the page and the README. */
  description: string;
}

export interface Preset {
  id: PresetId;
  title: string;
  /** What the comparison tests, in one sentence. */
  question: string;
  /** How the verdict reads the runs. */
  claim: ClaimKind;
  /** The configurations compared; the same at both sizes (only the model and the training length change). */
  runs: readonly PresetRun[];
  sizes: Readonly<Record<PresetSize, PresetVariant>>;
  /** What the paper found, to compare with. */
  paper: string;
}

/**
 * Minutes on a software renderer: 2 layers 32 wide, 80 steps of 8 windows (10k tokens; about 3 minutes for 9 runs
 * on SwiftShader with nothing else running). Such runs end well above the context-blind floor (measured: 22 against
 * 18.9 after 150 steps), so the quick look shows the machinery and the verdict's wording, not the answer.
 */
const QUICK: Partial<ExperimentSettings> = {
  corpus: 'moby-dick',
  attention: 'linformer',
  projection: 'linear',
  projectionInit: 'xavier',
  sharing: 'none',
  kPerLayer: [],
  layers: 2,
  heads: 2,
  dModel: 32,
  dFF: 64,
  dropout: 0,
  learningRate: 3e-3,
  batchSize: 8,
  steps: 80,
  warmupSteps: 10,
  evalInterval: 20,
};

/**
 * The claim size, measured with `npm run bench:context` and `npm run reproduce` on Moby-Dick characters: at n = 16,
 * 2 layers 64 wide with 4 heads, batch 32, lr 3e-3, the standard model leaves the floor after ~300 steps and ends
 * at 0.51–0.66× it after 1,200 (614k tokens; 5–10 minutes a run on one CPU core with wasm, sharing the machine).
 */
const CLAIM: Partial<ExperimentSettings> = {
  ...QUICK,
  heads: 4,
  dModel: 64,
  dFF: 128,
  batchSize: 32,
  steps: 1200,
  warmupSteps: 50,
  evalInterval: 100,
};

const QUICK_DESCRIPTION = '2 layers 32 wide, 80 steps of 8 windows: too small to separate the models';
const CLAIM_DESCRIPTION = '2 layers 64 wide, 4 heads, 1,200 steps of 32 windows at n = 16';

/** One configuration per value of a single setting: each comparison varies one thing at a time. */
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
  headwise: 'headwise sharing',
  kv: 'key-value sharing',
  layerwise: 'layerwise sharing',
};

/** Tokens per step stay the same at every n (B·n = 128 quick, 512 claim), so longer windows see no more text. */
const N_VALUES = [8, 16, 32] as const;

export const PRESETS: readonly Preset[] = [
  {
    id: 'k-at-fixed-n',
    title: 'k varied at fixed n',
    question: 'At n = 16, how close does Linformer get to standard attention as k grows?',
    claim: { kind: 'gap-to-reference', reference: 'standard attention', subject: 'Linformer' },
    runs: [
      { label: 'standard attention', patch: { attention: 'standard' } },
      ...runsOver('k', [4, 8], (k) => `k = ${k}`),
    ],
    sizes: {
      quick: { base: { ...QUICK, seqLen: 16, k: 8 }, description: QUICK_DESCRIPTION },
      claim: { base: { ...CLAIM, seqLen: 16, k: 8 }, description: CLAIM_DESCRIPTION },
    },
    paper: 'Figure 3(a), n = 512: perplexity improves with k, and k = 128 nearly matches the Transformer.',
  },
  {
    id: 'n-at-fixed-k',
    title: 'n varied at fixed k',
    question: 'With k = 4 fixed, does the final perplexity stay about the same as n grows from 8 to 32?',
    claim: { kind: 'span', across: 'n = 8, 16, 32 at k = 4' },
    runs: N_VALUES.map((n) => ({ label: `n = ${n}`, patch: { seqLen: n } })),
    sizes: {
      quick: { base: { ...QUICK, k: 4 }, description: QUICK_DESCRIPTION.replace('8 windows', '128 tokens') },
      claim: { base: { ...CLAIM, k: 4 }, description: CLAIM_DESCRIPTION.replace('32 windows at n = 16', '512 tokens') },
    },
    paper: 'Figure 3(d), k = 256: final perplexities at n = 512 … 4096 are about the same.',
  },
  {
    id: 'sharing',
    title: 'sharing modes compared',
    question: 'At n = 16, k = 4, how much do the projection-sharing modes cost in perplexity?',
    claim: { kind: 'gap-to-reference', reference: 'no sharing', subject: '' },
    runs: runsOver('sharing', ['none', 'headwise', 'kv', 'layerwise'], (sharing) => SHARING_LABELS[sharing]),
    sizes: {
      quick: { base: { ...QUICK, seqLen: 16, k: 4 }, description: QUICK_DESCRIPTION },
      claim: { base: { ...CLAIM, seqLen: 16, k: 4 }, description: CLAIM_DESCRIPTION },
    },
    paper: 'Figure 3(c), n = 512: layerwise sharing (one projection for the whole model) almost matches no sharing.',
  },
];

export function presetById(id: string): Preset | undefined {
  return PRESETS.find((preset) => preset.id === id);
}

/**
 * The full settings of one run of a preset: defaults, then the size's base, then the configuration's own values,
 * then the seed. At n-at-fixed-k the batch follows n so that every run trains on the same tokens per step.
 */
export function presetSettings(preset: Preset, size: PresetSize, runIndex: number, seed = 1): ExperimentSettings {
  const run = preset.runs[runIndex];
  if (!run) throw new Error(`Preset ${preset.id} has no run ${runIndex}`);
  const base = preset.sizes[size].base;
  const settings = { ...defaultSettings(), ...base, ...run.patch, seed } as ExperimentSettings;
  if (preset.id === 'n-at-fixed-k') {
    const tokensPerStep = (base.batchSize ?? settings.batchSize) * 16;
    settings.batchSize = Math.max(1, Math.round(tokensPerStep / settings.seqLen));
  }
  reconcile(settings);
  return settings;
}

/** One queued run of a preset: a configuration at one seed. */
export interface PresetJob {
  runIndex: number;
  seed: number;
}

/** Every run of a preset at `seeds` seeds (1 … seeds), seed-major, so that a stopped queue covers every configuration. */
export function presetJobs(preset: Preset, seeds: number): PresetJob[] {
  const jobs: PresetJob[] = [];
  for (let seed = 1; seed <= seeds; seed++) {
    for (let runIndex = 0; runIndex < preset.runs.length; runIndex++) jobs.push({ runIndex, seed });
  }
  return jobs;
}

/** Two settings describe the same experiment when their links are the same. */
export function sameExperiment(a: ExperimentSettings, b: ExperimentSettings): boolean {
  return serializeSettings(a) === serializeSettings(b);
}

/** The same experiment apart from the seed: the runs a figure averages into one configuration. */
export function sameConfiguration(a: ExperimentSettings, b: ExperimentSettings): boolean {
  return sameExperiment({ ...a, seed: 0 }, { ...b, seed: 0 });
}
