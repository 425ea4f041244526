/**
 * Whether a benchmark or training point can run before it is tried: WebGPU refuses a tensor larger than
 * one buffer may be (and a device lost mid-run is a poor way to find out), and a training step that
 * needs more memory than the budget would swap the page to a halt.
 */
import type { AdapterDescription } from '../backend/backendReport';
import type { ModelConfig } from '../model/config';
import { compressedLength, encoderCost, type EncoderCost } from './costModel';

/** The adapter limits that bound a single tensor; null when there is no WebGPU adapter to ask. */
export type BufferLimits = Pick<AdapterDescription, 'maxBufferSize' | 'maxStorageBufferBindingSize'>;

export interface PointQuery {
  config: ModelConfig;
  batch: number;
  limits: BufferLimits | null;
  /** The memory a training step may use, in bytes. */
  budgetBytes: number;
}

/** estimateBytes is the training-step estimate of trainingStepBytes. */
export type PointVerdict = { ok: true; estimateBytes: number } | { ok: false; estimateBytes: number; reason: string };

export interface NamedTensor {
  /** A plural noun phrase, so messages read "<label> need …". */
  label: string;
  bytes: number;
}

/**
 * Optimizer state per trainable weight, in weight-sized copies: its gradient and AdamW's two moments.
 * Fixed weights (random projections) are stored once and have none.
 */
export const TRAINING_COPIES_PER_TRAINABLE_WEIGHT = 3;

/**
 * A training step's memory: the stored activations, every weight, and the gradient and AdamW moments of
 * each trainable weight. Counting only activations would pass points whose optimizer state cannot fit.
 */
export function trainingStepBytes(cost: EncoderCost): number {
  const optimizerState = TRAINING_COPIES_PER_TRAINABLE_WEIGHT * cost.trainableParameterCount * cost.bytesPerElement;
  return cost.activationBytes.total + cost.parameterBytes + optimizerState;
}

/** The largest tensor a training step of `config` creates, which must fit in one GPU buffer. */
export function largestTensor(config: ModelConfig, batch: number, bytesPerElement = 4): NamedTensor {
  const { layers, heads, dModel: d, dFF, seqLen: n, vocabSize: vocab } = config;
  const tokens = batch * n;
  const candidates: NamedTensor[] = [];
  for (let layer = 0; layer < layers; layer++) {
    const k = compressedLength(config, layer);
    const label = k === null ? 'standard attention scores' : 'Linformer attention scores';
    candidates.push({ label, bytes: batch * heads * n * (k ?? n) * bytesPerElement });
  }
  candidates.push(
    { label: 'MLM logits', bytes: tokens * vocab * bytesPerElement },
    { label: 'feed-forward activations', bytes: tokens * dFF * bytesPerElement },
    { label: 'hidden states', bytes: tokens * d * bytesPerElement },
    { label: 'token embeddings', bytes: vocab * d * bytesPerElement },
    { label: 'feed-forward weights', bytes: d * dFF * bytesPerElement },
  );
  if (config.attention === 'linformer' && (config.projection === 'linear' || config.projection === 'random')) {
    // Unshared projections are held as one [heads, k, n] tensor per layer.
    const perLayer = config.sharing === 'none' ? heads : 1;
    const k = Math.max(...config.kPerLayer);
    candidates.push({ label: 'Linformer projections', bytes: perLayer * k * n * bytesPerElement });
  }
  // The first of equal sizes wins, so attention scores are named when they tie.
  return candidates.reduce((largest, candidate) => (candidate.bytes > largest.bytes ? candidate : largest));
}

export function largestTensorBytes(config: ModelConfig, batch: number, bytesPerElement = 4): number {
  return largestTensor(config, batch, bytesPerElement).bytes;
}

/**
 * Checks one (config, batch) point against the adapter's buffer limits and the memory budget, and says
 * what does not fit in words that name the tensor, its size and the limit.
 */
export function checkPointFits(query: PointQuery): PointVerdict {
  const { config, batch, limits, budgetBytes } = query;
  const cost = encoderCost(config, batch);
  const estimateBytes = trainingStepBytes(cost);
  if (limits) {
    const largest = largestTensor(config, batch);
    // Name the tighter limit the tensor breaks: binding it to a shader needs maxStorageBufferBindingSize,
    // allocating it needs maxBufferSize.
    const broken = (['maxStorageBufferBindingSize', 'maxBufferSize'] as const)
      .filter((name) => largest.bytes > limits[name])
      .sort((a, b) => limits[a] - limits[b])[0];
    if (broken) {
      const reason = `${largest.label} need ${formatBytes(largest.bytes)} in one buffer; this adapter allows ${formatBytes(limits[broken])} (${broken})`;
      return { ok: false, estimateBytes, reason };
    }
  }
  if (estimateBytes > budgetBytes) {
    const weightsAndState = estimateBytes - cost.activationBytes.total;
    const reason =
      `a training step needs about ${formatBytes(estimateBytes)} (activations ${formatBytes(cost.activationBytes.total)}, ` +
      `weights with gradients and AdamW moments ${formatBytes(weightsAndState)}); the memory budget is ${formatBytes(budgetBytes)}`;
    return { ok: false, estimateBytes, reason };
  }
  return { ok: true, estimateBytes };
}

const BINARY_UNITS: readonly [string, number][] = [
  ['GiB', 2 ** 30],
  ['MiB', 2 ** 20],
  ['KiB', 2 ** 10],
];

/** Bytes in binary units: one decimal below 10 ("1.0 GiB"), whole numbers from 10 up ("128 MiB"). */
export function formatBytes(bytes: number): string {
  for (const [unit, size] of BINARY_UNITS) {
    if (bytes >= size) {
      const value = bytes / size;
      return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${unit}`;
    }
  }
  return `${bytes} B`;
}
