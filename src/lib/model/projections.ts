/**
 * Linformer's sequence projections: which weights exist for a config (kind × sharing × k per layer), how
 * they are initialised, and the compressors each layer applies to its keys and values.
 *
 * Kinds and their weights (s = n/k):
 * - linear: a learned E ∈ R^{k×n}, initialised as config.projectionInit says: Xavier uniform ±√(6/(n + k)), which
 *   keeps E·K at K's scale for every n, or N(0, 1/k), the distribution of the paper's Theorem 2 (the default when
 *   the config does not say). Either way a learned projection starts statistically the same as a random one, so any
 *   difference between the two comes from training alone.
 * - random: the same initial matrix, fixed (a non-trainable variable).
 * - mean-pool, max-pool: no weights.
 * - conv: a kernel of s weights, E[j, j·s + t] = w_t, shared by all dHead channels (s parameters per
 *   projection, against k·n for linear). Initialised near mean pooling: N(1/s, (0.1/s)²), the noise
 *   letting heads that share nothing start apart.
 * Sharing (for the kinds with weights): none → E and F per head per layer (2·L·H), headwise → E and F per
 * layer (2·L), kv → one per layer used as E and F (L), layerwise → one for the model (1).
 */
import * as tf from '@tensorflow/tfjs';
import type { ModelConfig, Sharing } from './config';
import {
  convolveSequence,
  maxPoolSequence,
  meanPoolSequence,
  projectSequence,
  projectSequencePerHead,
  type SequenceCompressor,
} from './sequenceCompression';
import type { Init, WeightRegistry } from './weightRegistry';

export type ProjectionRole = 'keys' | 'values';

/** One projection weight a config calls for. */
export interface ProjectionSpec {
  /** Its name in the model's weight map. */
  name: string;
  shape: number[];
  trainable: boolean;
  init: Init;
}

/** What one layer does to its keys and values before attention. */
export interface LayerCompression {
  /** The compressed length. */
  k: number;
  keys: SequenceCompressor;
  values: SequenceCompressor;
}

export interface ProjectionCount {
  /** Distinct projection weights (matrices for linear/random, kernels for conv). */
  projections: number;
  /** Numbers in them. */
  parameters: number;
  /** Numbers an optimizer updates (0 for random projections). */
  trainableParameters: number;
}

/** The weight compressing `role` in `head` of `layer` (0-based) under a sharing mode. */
export function projectionWeightName(sharing: Sharing, layer: number, role: ProjectionRole, head: number): string {
  const letter = role === 'keys' ? 'E' : 'F';
  switch (sharing) {
    case 'none':
      return `projection/layer${layer}/head${head}/${letter}`;
    case 'headwise':
      return `projection/layer${layer}/${letter}`;
    case 'kv':
      return `projection/layer${layer}/EF`;
    case 'layerwise':
      return 'projection/shared/EF';
  }
}

/** Every distinct projection weight a config needs, in a fixed order; empty for standard attention. */
export function projectionSpecs(config: ModelConfig): ProjectionSpec[] {
  if (config.attention !== 'linformer') return [];
  const kind = config.projection;
  if (kind === 'mean-pool' || kind === 'max-pool') return [];
  const specs = new Map<string, ProjectionSpec>();
  for (let layer = 0; layer < config.layers; layer++) {
    const k = config.kPerLayer[layer];
    for (const role of ['keys', 'values'] as const) {
      for (let head = 0; head < config.heads; head++) {
        const name = projectionWeightName(config.sharing, layer, role, head);
        if (specs.has(name)) continue;
        if (kind === 'conv') {
          const stride = config.seqLen / k;
          specs.set(name, { name, shape: [stride], trainable: true, init: { kind: 'normal', mean: 1 / stride, std: 0.1 / stride } });
        } else {
          const init: Init =
            (config.projectionInit ?? 'normal') === 'xavier'
              ? { kind: 'uniform', limit: Math.sqrt(6 / (config.seqLen + k)) }
              : { kind: 'normal', std: 1 / Math.sqrt(k) };
          specs.set(name, { name, shape: [k, config.seqLen], trainable: kind === 'linear', init });
        }
      }
    }
  }
  return [...specs.values()];
}

/** How many projection weights and numbers a config creates (counted from the specs, without tensors). */
export function projectionParameterCount(config: ModelConfig): ProjectionCount {
  const specs = projectionSpecs(config);
  const size = (spec: ProjectionSpec) => spec.shape.reduce((product, dim) => product * dim, 1);
  return {
    projections: specs.length,
    parameters: specs.reduce((total, spec) => total + size(spec), 0),
    trainableParameters: specs.reduce((total, spec) => total + (spec.trainable ? size(spec) : 0), 0),
  };
}

/** Creates the projection weights in `registry` and returns each layer's compressors. */
export function createLayerCompressions(config: ModelConfig, registry: WeightRegistry): LayerCompression[] {
  if (config.attention !== 'linformer') return [];
  const variables = new Map<string, tf.Variable>();
  for (const spec of projectionSpecs(config)) {
    variables.set(spec.name, registry.create(spec.name, spec.shape, spec.init, spec.trainable));
  }
  const compressorFor = (layer: number, role: ProjectionRole): SequenceCompressor => {
    const k = config.kPerLayer[layer];
    switch (config.projection) {
      case 'mean-pool':
        return (x, mask) => meanPoolSequence(x, k, mask);
      case 'max-pool':
        return (x, mask) => maxPoolSequence(x, k, mask);
      case 'linear':
      case 'random':
      case 'conv': {
        const perHead = Array.from({ length: config.heads }, (_, head) => {
          const weight = variables.get(projectionWeightName(config.sharing, layer, role, head));
          if (!weight) throw new Error(`Missing projection for layer ${layer}, ${role}, head ${head}.`);
          return weight;
        });
        return config.projection === 'conv'
          ? convCompressor(perHead, config.sharing)
          : matrixCompressor(perHead as tf.Variable<tf.Rank.R2>[], config.sharing);
      }
    }
  };
  return config.kPerLayer.map((k, layer) => ({ k, keys: compressorFor(layer, 'keys'), values: compressorFor(layer, 'values') }));
}

function matrixCompressor(perHead: tf.Variable<tf.Rank.R2>[], sharing: Sharing): SequenceCompressor {
  if (sharing !== 'none') return (x) => projectSequence(x, perHead[0]);
  return (x) => tf.tidy(() => projectSequencePerHead(x, tf.stack(perHead) as tf.Tensor3D));
}

function convCompressor(perHead: tf.Variable[], sharing: Sharing): SequenceCompressor {
  // One kernel broadcast over heads, or one row per head.
  const heads = sharing === 'none' ? perHead : perHead.slice(0, 1);
  return (x) => tf.tidy(() => convolveSequence(x, tf.stack(heads) as tf.Tensor2D));
}
