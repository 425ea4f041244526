/**
 * The attention probabilities of every layer and head of an encoder, one matrix per input sequence, read
 * back from tfjs as plain Float32Arrays: the input to the spectrum analysis (the paper's Figure 1).
 */
import * as tf from '@tensorflow/tfjs';
import type { PaddedBatch } from '../data/mlmBatch';
import { encoderForward, type Encoder } from '../model/encoder';

/** One attention matrix P (standard: real tokens × real tokens; Linformer: real tokens × k), row-major. */
export interface AttentionMatrix {
  /** 0-based layer and head. */
  layer: number;
  head: number;
  /** 0-based index of the sequence among all sequences collected in one analysis. */
  sequence: number;
  rows: number;
  cols: number;
  /** Its own buffer (never a view into a larger one), so it can be transferred to another worker. */
  data: Float32Array;
}

export interface CollectOptions {
  /** Numbering of this batch's first sequence (when an analysis spans several batches). Default 0. */
  firstSequence?: number;
  /** Use only the first `maxSequences` sequences of the batch. Default: all. */
  maxSequences?: number;
}

/**
 * Runs `model` (inference: no dropout) on one padded batch and returns P for every sequence, layer and
 * head. Padding is cut away: a padded query row is not part of the text, and in standard attention a
 * padded key column is zero by construction (masked), so keeping either would only add zero singular
 * values and bias averages towards shorter texts. Linformer's k compressed columns are all kept: each
 * mixes every position. All tensors are freed before this resolves.
 */
export async function collectAttentionMatrices(
  model: Encoder,
  batch: PaddedBatch,
  options: CollectOptions = {},
): Promise<AttentionMatrix[]> {
  const { batchSize, seqLen } = batch;
  const used = Math.min(batchSize, options.maxSequences ?? batchSize);
  if (!(used >= 1)) throw new Error(`There are no sequences to analyse (batch of ${batchSize}, maxSequences ${options.maxSequences}).`);
  const firstSequence = options.firstSequence ?? 0;
  const tokens = tf.tensor2d(batch.tokens.subarray(0, used * seqLen), [used, seqLen], 'int32');
  const mask = tf.tensor2d(batch.attentionMask.subarray(0, used * seqLen), [used, seqLen], 'float32');
  let attention: tf.Tensor4D[] = [];
  try {
    const result = encoderForward(model, tokens, mask, { training: false, collectAttention: true });
    result.logits.dispose();
    attention = result.attention;
    const matrices: AttentionMatrix[] = [];
    // Layer by layer, so only one layer's probabilities are held as a typed array at a time.
    for (let layer = 0; layer < attention.length; layer++) {
      const probs = attention[layer];
      const [, heads, n, cols] = probs.shape;
      const values = (await probs.data()) as Float32Array;
      for (let b = 0; b < used; b++) {
        const realRows = realPositions(batch.attentionMask, b * seqLen, n);
        // Only standard attention has one column per position; Linformer's k columns (even k = n) mix them all.
        const keptCols = model.config.attention === 'standard' ? realRows : null;
        for (let head = 0; head < heads; head++) {
          const offset = ((b * heads + head) * n) * cols;
          matrices.push({
            layer,
            head,
            sequence: firstSequence + b,
            rows: realRows.length,
            cols: keptCols ? keptCols.length : cols,
            data: cropMatrix(values, offset, cols, realRows, keptCols),
          });
        }
      }
    }
    return matrices;
  } finally {
    tf.dispose([tokens, mask, ...attention]);
  }
}

/** Indices i < n with mask[offset + i] > 0. */
function realPositions(mask: Float32Array, offset: number, n: number): number[] {
  const positions: number[] = [];
  for (let i = 0; i < n; i++) if (mask[offset + i] > 0) positions.push(i);
  return positions;
}

/** A fresh row-major copy of the chosen rows (and columns, or all `cols` when null) of one matrix. */
function cropMatrix(values: Float32Array, offset: number, cols: number, rows: number[], keptCols: number[] | null): Float32Array {
  const width = keptCols ? keptCols.length : cols;
  const out = new Float32Array(rows.length * width);
  rows.forEach((row, r) => {
    const start = offset + row * cols;
    if (keptCols) keptCols.forEach((col, c) => (out[r * width + c] = values[start + col]));
    else out.set(values.subarray(start, start + cols), r * width);
  });
  return out;
}

/**
 * A batch size that keeps one batch's attention read-back near `budgetBytes` (default 32 MiB): at n = 512
 * one sequence of a 4×4 model is 16 MiB of float32, so long sequences go one or two at a time.
 */
export function attentionBatchSize(layers: number, heads: number, n: number, widestCols: number, maxBatch = 8, budgetBytes = 32 * 2 ** 20): number {
  const perSequence = layers * heads * n * widestCols * 4;
  return Math.max(1, Math.min(maxBatch, Math.floor(budgetBytes / perSequence)));
}
