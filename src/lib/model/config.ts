/**
 * The configuration of an encoder: the one description every part of the core (model, trainer,
 * spectra, benchmarks) and the app's URL schema agree on.
 */

export type AttentionKind = 'standard' | 'linformer';

/**
 * How Linformer's projections E (keys) and F (values) are shared, following the paper:
 * - none: every head of every layer has its own E and F (2·L·H matrices);
 * - headwise: one E and one F per layer, shared by its heads (2·L);
 * - kv: one matrix per layer used as both E and F (L);
 * - layerwise: one matrix for the whole model, used as E and F in every layer and head (1).
 */
export type Sharing = 'none' | 'headwise' | 'kv' | 'layerwise';

/** The sharing modes as a phrase for sentences ("none sharing" would read badly). */
export const SHARING_TEXT: Record<Sharing, string> = {
  none: 'no sharing',
  headwise: 'headwise sharing',
  kv: 'key–value sharing',
  layerwise: 'layerwise sharing',
};

/**
 * How the sequence axis is compressed from n to k:
 * - linear: a learned E ∈ R^{k×n};
 * - random: a fixed Gaussian E with entries N(0, 1/k), never trained;
 * - mean-pool / max-pool: pooling over windows of n/k positions (no parameters);
 * - conv: a strided convolution with kernel = stride = n/k (learned weights per window offset).
 */
export type ProjectionKind = 'linear' | 'random' | 'mean-pool' | 'max-pool' | 'conv';

/**
 * How the linear and random projections E, F ∈ R^{k×n} start:
 * - xavier: uniform on ±√(6/(n + k)), as fairseq's Linear(n, k) does; it keeps E·K at the scale of K whatever n is,
 *   so runs at different n start at the same attention temperature;
 * - normal: N(0, 1/k), the distribution of the paper's Theorem 2, under which E·K grows as √(n/k) (4× at n = 128,
 *   k = 8), mixing n into any comparison across n.
 */
export type ProjectionInit = 'xavier' | 'normal';

export const PROJECTION_INITS: readonly ProjectionInit[] = ['xavier', 'normal'];

export interface ModelConfig {
  layers: number;
  heads: number;
  dModel: number;
  dFF: number;
  /** Sequence length n. */
  seqLen: number;
  vocabSize: number;
  /** Dropout rate on attention output and feed-forward (0 disables it). */
  dropout: number;
  attention: AttentionKind;
  sharing: Sharing;
  projection: ProjectionKind;
  /** Projected length k for each layer (length = layers); ignored by standard attention. */
  kPerLayer: number[];
  /** Seed for the initial weights and fixed random projections. */
  seed: number;
  /**
   * How linear and random projections are initialised. Absent means 'normal', N(0, 1/k): what every model was built
   * with before this choice existed, so stored runs and files keep their meaning.
   */
  projectionInit?: ProjectionInit;
}

/** The problems with a config, each as a sentence naming the offending field; empty when it is usable. */
export function configProblems(config: ModelConfig): string[] {
  const problems: string[] = [];
  const positiveInt = (name: string, value: number) => {
    if (!Number.isInteger(value) || value < 1) problems.push(`${name} must be a positive whole number (got ${value}).`);
  };
  positiveInt('layers', config.layers);
  positiveInt('heads', config.heads);
  positiveInt('dModel', config.dModel);
  positiveInt('dFF', config.dFF);
  positiveInt('sequence length n', config.seqLen);
  positiveInt('vocabulary size', config.vocabSize);
  if (Number.isInteger(config.heads) && Number.isInteger(config.dModel) && config.heads > 0 && config.dModel % config.heads !== 0) {
    problems.push(`heads (${config.heads}) must divide dModel (${config.dModel}).`);
  }
  if (config.projectionInit !== undefined && !PROJECTION_INITS.includes(config.projectionInit)) {
    problems.push(`projection init must be one of ${PROJECTION_INITS.join(', ')} (got ${String(config.projectionInit)}).`);
  }
  if (!(config.dropout >= 0 && config.dropout < 1)) problems.push(`dropout must be in [0, 1) (got ${config.dropout}).`);
  if (config.attention === 'linformer') {
    if (config.kPerLayer.length !== config.layers) {
      const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
      problems.push(`k per layer lists ${count(config.kPerLayer.length, 'value')} for ${count(config.layers, 'layer')}.`);
    }
    config.kPerLayer.forEach((k, layer) => {
      if (!Number.isInteger(k) || k < 1) problems.push(`k in layer ${layer + 1} must be a positive whole number (got ${k}).`);
      else if (k > config.seqLen) problems.push(`k in layer ${layer + 1} (${k}) is larger than n (${config.seqLen}).`);
      else if (isPooling(config.projection) && config.seqLen % k !== 0) {
        problems.push(`n (${config.seqLen}) is not divisible by k in layer ${layer + 1} (${k}), which ${config.projection} needs for its stride n/k.`);
      }
    });
    if (config.sharing === 'layerwise' && new Set(config.kPerLayer).size > 1) {
      problems.push('layerwise sharing uses one projection for every layer, so k must be the same in every layer.');
    }
  }
  return problems;
}

/** Projection kinds that compress by windows of n/k positions. */
export function isPooling(kind: ProjectionKind): boolean {
  return kind === 'mean-pool' || kind === 'max-pool' || kind === 'conv';
}

/** Throws a ConfigError listing every problem, or returns the config unchanged. */
export function assertValidConfig(config: ModelConfig): ModelConfig {
  const problems = configProblems(config);
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid model configuration: ${problems.join(' ')}`);
    this.name = 'ConfigError';
  }
}
