/**
 * config.json of a PyTorch bundle (schema version 1, described field by field in ./README.md): every setting of the
 * experiment resolved, so that a trainer elsewhere needs nothing from this code base's defaults, and read back into
 * the TrainingRunSpec it came from.
 */
import type { CorpusId } from '../data/corpora';
import { CORPORA } from '../data/corpora';
import { DEFAULT_MASK_RATE, MASKING_SCHEME, VALIDATION_SEED } from '../data/mlmBatch';
import { MASK_ID, PAD_ID, SPECIAL_COUNT, UNK_ID } from '../data/tokenizer';
import { validationBatchSize, type TokenizerKind, type TrainingRunSpec } from '../experiments/runSpec';
import { configProblems, PROJECTION_INITS, type ModelConfig } from '../model/config';
import { defaultTrainConfig, DEFAULT_FINAL_LEARNING_RATE_FRACTION, type TrainConfig } from '../train/trainConfig';

export const BUNDLE_SCHEMA_VERSION = 1;

export const BUNDLE_FILES = {
  config: 'config.json',
  weights: 'model.safetensors',
  trainedWeights: 'trained.safetensors',
  tokenizer: 'tokenizer.json',
  trainText: 'data/train.txt',
  validationText: 'data/validation.txt',
  tokens: 'data/tokens.safetensors',
  reference: 'reference.json',
  readme: 'README.md',
  pythonDir: 'linformer_lab',
} as const;

export interface BundleTextFile {
  file: string;
  sha256: string;
  /** Unicode code points. */
  characters: number;
  tokens: number;
}

export interface BundleTraining extends Required<TrainConfig> {
  /** Sequences per update over all processes together. */
  batchSize: number;
  masking: { rate: number; mask: number; random: number; keep: number; randomIdsFrom: number };
  validation: { batches: number; batchSize: number; seed: number };
}

export interface BundleConfig {
  schemaVersion: typeof BUNDLE_SCHEMA_VERSION;
  createdBy: string;
  /** The experiment link's query string, when the bundle was made from one. */
  settingsQuery: string | null;
  model: Required<ModelConfig>;
  training: BundleTraining;
  data: {
    corpus: CorpusId;
    tokenizer: TokenizerKind;
    tokenizerFile: string;
    specialTokens: { pad: number; mask: number; unk: number };
    train: BundleTextFile;
    validation: BundleTextFile;
    tokens: { file: string; sha256: string };
  };
  /** Masked-LM updates the exported weights have had. */
  steps: number;
  weights: { file: string; dtype: 'float32'; names: string[]; fixed: string[] };
}

/** The model config with the optional field made explicit (absent projectionInit means 'normal', see config.ts). */
export function resolvedModelConfig(config: ModelConfig): Required<ModelConfig> {
  return { ...config, kPerLayer: [...config.kPerLayer], projectionInit: config.projectionInit ?? 'normal' };
}

/** The spec with every default the trainer would apply written out: what a bundle round-trips to. */
export function resolvedRunSpec(spec: TrainingRunSpec): TrainingRunSpec {
  const train = defaultTrainConfig(spec.train);
  return {
    corpus: spec.corpus,
    tokenizer: spec.tokenizer ?? 'char',
    model: {
      ...spec.model,
      kPerLayer: [...spec.model.kPerLayer],
      projectionInit: spec.model.projectionInit ?? 'normal',
    },
    train: {
      ...train,
      finalLearningRateFraction: train.finalLearningRateFraction ?? DEFAULT_FINAL_LEARNING_RATE_FRACTION,
    },
    batchSize: spec.batchSize,
  };
}

export interface BundleConfigInput {
  spec: TrainingRunSpec;
  vocabSize: number;
  settingsQuery?: string | null;
  createdBy: string;
  steps: number;
  trainText: Omit<BundleTextFile, 'file'>;
  validationText: Omit<BundleTextFile, 'file'>;
  tokensSha256: string;
  weightNames: string[];
  fixedWeightNames: string[];
}

export function buildBundleConfig(input: BundleConfigInput): BundleConfig {
  const spec = resolvedRunSpec(input.spec);
  const train = spec.train as Required<TrainConfig>;
  return {
    schemaVersion: BUNDLE_SCHEMA_VERSION,
    createdBy: input.createdBy,
    settingsQuery: input.settingsQuery ?? null,
    model: resolvedModelConfig({ ...spec.model, vocabSize: input.vocabSize }),
    training: {
      ...train,
      batchSize: spec.batchSize,
      masking: {
        rate: DEFAULT_MASK_RATE,
        mask: MASKING_SCHEME.mask,
        random: MASKING_SCHEME.random,
        // Written out rather than left implicit, so a reader never has to derive it.
        keep: Math.round((1 - MASKING_SCHEME.mask - MASKING_SCHEME.random) * 1e12) / 1e12,
        randomIdsFrom: SPECIAL_COUNT,
      },
      validation: {
        batches: train.evalBatches,
        batchSize: validationBatchSize(spec.batchSize, spec.model.seqLen),
        seed: VALIDATION_SEED,
      },
    },
    data: {
      corpus: spec.corpus,
      tokenizer: spec.tokenizer ?? 'char',
      tokenizerFile: BUNDLE_FILES.tokenizer,
      specialTokens: { pad: PAD_ID, mask: MASK_ID, unk: UNK_ID },
      train: { file: BUNDLE_FILES.trainText, ...input.trainText },
      validation: { file: BUNDLE_FILES.validationText, ...input.validationText },
      tokens: { file: BUNDLE_FILES.tokens, sha256: input.tokensSha256 },
    },
    steps: input.steps,
    weights: {
      file: BUNDLE_FILES.weights,
      dtype: 'float32',
      names: [...input.weightNames],
      fixed: [...input.fixedWeightNames],
    },
  };
}

/** The TrainingRunSpec a bundle's config describes (resolved: every default written out). */
export function runSpecFromBundleConfig(config: BundleConfig): TrainingRunSpec {
  const { batchSize, masking: _masking, validation: _validation, ...train } = config.training;
  void _masking;
  void _validation;
  const { vocabSize: _vocabSize, ...model } = config.model;
  void _vocabSize;
  return {
    corpus: config.data.corpus,
    tokenizer: config.data.tokenizer,
    model: { ...model, kPerLayer: [...model.kPerLayer] },
    train: { ...train },
    batchSize,
  };
}

/** What an importer needs from config.json, checked. */
export interface ImportableConfig {
  model: ModelConfig;
  corpus: CorpusId;
  tokenizer: TokenizerKind;
  steps: number;
  /** The whole file as read (the trainer may have added fields). */
  raw: BundleConfig;
}

const ATTENTIONS = ['standard', 'linformer'] as const;
const SHARINGS = ['none', 'headwise', 'kv', 'layerwise'] as const;
const PROJECTIONS = ['linear', 'random', 'mean-pool', 'max-pool', 'conv'] as const;
const TOKENIZERS: readonly TokenizerKind[] = ['char', 'bpe512'];

export class BundleConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BundleConfigError';
  }
}

/**
 * Reads config.json (its text or parsed value) as far as importing weights needs: the schema version, the model
 * (every field present with the right type, and passing configProblems) and the data it was trained on. Throws a
 * BundleConfigError naming the first offending field.
 */
export function parseBundleConfig(json: string | unknown): ImportableConfig {
  let value: unknown = json;
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json);
    } catch {
      throw new BundleConfigError('config.json is not valid JSON.');
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new BundleConfigError('config.json must hold a JSON object.');
  const raw = value as Record<string, unknown>;
  if (raw.schemaVersion !== BUNDLE_SCHEMA_VERSION) {
    throw new BundleConfigError(
      raw.schemaVersion === undefined
        ? 'config.json has no schemaVersion: it is not a Linformer Lab bundle config.'
        : `config.json has schemaVersion ${JSON.stringify(raw.schemaVersion)}; this app reads schema version ${BUNDLE_SCHEMA_VERSION}.`,
    );
  }
  const model = raw.model as Record<string, unknown> | undefined;
  if (typeof model !== 'object' || model === null) throw new BundleConfigError('config.json has no "model" object.');
  const number = (field: string) => {
    const v = model[field];
    if (typeof v !== 'number' || !Number.isFinite(v))
      throw new BundleConfigError(`config.json model.${field} must be a number (got ${JSON.stringify(v)}).`);
    return v;
  };
  const choice = <T extends string>(field: string, options: readonly T[], fallback?: T): T => {
    const v = model[field] ?? fallback;
    if (!options.includes(v as T))
      throw new BundleConfigError(
        `config.json model.${field} must be one of ${options.join(', ')} (got ${JSON.stringify(v)}).`,
      );
    return v as T;
  };
  const kPerLayer = model.kPerLayer;
  if (!Array.isArray(kPerLayer) || !kPerLayer.every((k) => typeof k === 'number')) {
    throw new BundleConfigError(
      `config.json model.kPerLayer must be a list of numbers (got ${JSON.stringify(kPerLayer)}).`,
    );
  }
  const config: ModelConfig = {
    layers: number('layers'),
    heads: number('heads'),
    dModel: number('dModel'),
    dFF: number('dFF'),
    seqLen: number('seqLen'),
    vocabSize: number('vocabSize'),
    dropout: number('dropout'),
    attention: choice('attention', ATTENTIONS),
    sharing: choice('sharing', SHARINGS),
    projection: choice('projection', PROJECTIONS),
    kPerLayer: [...(kPerLayer as number[])],
    seed: number('seed'),
    projectionInit: choice('projectionInit', PROJECTION_INITS, 'normal'),
  };
  const problems = configProblems(config);
  // configProblems leaves the seed alone (the app only ever makes whole ones); the Python side refuses a fraction.
  if (!Number.isInteger(config.seed)) problems.push(`seed must be a whole number (got ${config.seed}).`);
  if (problems.length > 0) throw new BundleConfigError(`config.json model: ${problems.join(' ')}`);
  const data = raw.data as Record<string, unknown> | undefined;
  const corpus = data?.corpus;
  if (!CORPORA.some((c) => c.id === corpus)) {
    throw new BundleConfigError(
      `config.json data.corpus must be one of ${CORPORA.map((c) => c.id).join(', ')} (got ${JSON.stringify(corpus)}).`,
    );
  }
  const tokenizer = data?.tokenizer ?? 'char';
  if (!TOKENIZERS.includes(tokenizer as TokenizerKind)) {
    throw new BundleConfigError(
      `config.json data.tokenizer must be one of ${TOKENIZERS.join(', ')} (got ${JSON.stringify(tokenizer)}).`,
    );
  }
  const steps = raw.steps ?? 0;
  if (typeof steps !== 'number' || !Number.isInteger(steps) || steps < 0) {
    throw new BundleConfigError(`config.json steps must be a whole number ≥ 0 (got ${JSON.stringify(steps)}).`);
  }
  return {
    model: config,
    corpus: corpus as CorpusId,
    tokenizer: tokenizer as TokenizerKind,
    steps,
    raw: value as BundleConfig,
  };
}

/**
 * The run spec of imported weights: the model and data from the checked config, the training settings from
 * config.json's `training` where it has them (a cluster trainer may have left out what it did not use), else the
 * defaults — they decide only how many validation batches of which size score the imported model.
 */
export function importedRunSpec(config: ImportableConfig): TrainingRunSpec {
  const training = (
    typeof config.raw.training === 'object' && config.raw.training !== null ? config.raw.training : {}
  ) as Partial<BundleTraining>;
  const whole = (value: unknown, fallback: number) =>
    typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : fallback;
  const defaults = defaultTrainConfig();
  const { vocabSize: _vocabSize, ...model } = config.model;
  void _vocabSize;
  return {
    corpus: config.corpus,
    tokenizer: config.tokenizer,
    model,
    train: {
      learningRate:
        typeof training.learningRate === 'number' && training.learningRate > 0
          ? training.learningRate
          : defaults.learningRate,
      totalSteps: Math.max(whole(training.totalSteps, defaults.totalSteps), config.steps, 1),
      warmupSteps: Math.min(
        whole(training.warmupSteps, defaults.warmupSteps),
        Math.max(whole(training.totalSteps, defaults.totalSteps), config.steps, 1),
      ),
      evalBatches: whole(training.evalBatches, defaults.evalBatches),
      evalInterval: 0,
      seed: typeof training.seed === 'number' && Number.isInteger(training.seed) ? training.seed : config.model.seed,
    },
    batchSize: whole(training.batchSize, 8),
  };
}
