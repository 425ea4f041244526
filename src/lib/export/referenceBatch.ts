/**
 * reference.json: a fixed validation batch, its padding mask and the browser encoder's logits on it (training off),
 * which the Python module must reproduce within REFERENCE_TOLERANCE. Two rows: the first validation window as
 * validation masks it, and the second with its last ⌊n/3⌋ positions turned into padding — a cut that falls inside a
 * pooling window and leaves whole windows of padding, so every padding rule of ./README.md is exercised.
 */
import * as tf from '@tensorflow/tfjs';
import { MlmDataSource } from '../data/mlmBatch';
import type { Tokenizer } from '../data/tokenizer';
import { validationBatchSize } from '../experiments/runSpec';
import { encoderForward, type Encoder } from '../model/encoder';

export const REFERENCE_TOLERANCE = 1e-4;
export const REFERENCE_ROWS = 2;

export interface ReferenceBatch {
  tolerance: number;
  backend: string;
  steps: number;
  /** [rows][n] */
  ids: number[][];
  /** [rows][n], 1 token, 0 padding */
  padding: number[][];
  /** [rows][n][vocab] */
  logits: number[][][];
}

/** The reference inputs: ids and padding [rows][n] (no model needed). */
export function referenceInputs(
  validationIds: Int32Array,
  trainIds: Int32Array,
  tokenizer: Tokenizer,
  seqLen: number,
  batchSize: number,
): { ids: number[][]; padding: number[][] } {
  const data = new MlmDataSource({
    ids: trainIds,
    validationIds,
    tokenizer,
    seqLen,
    batchSize,
    validationBatchSize: validationBatchSize(batchSize, seqLen),
    seed: 0,
  });
  const batch = data.validationBatches(1)[0];
  const rows = Math.min(REFERENCE_ROWS, batch.batchSize);
  const ids: number[][] = [];
  const padding: number[][] = [];
  for (let row = 0; row < REFERENCE_ROWS; row++) {
    // With a validation batch of one window (never at the app's sizes), the padded row repeats it.
    const source = Array.from(batch.tokens.subarray((row % rows) * seqLen, ((row % rows) + 1) * seqLen));
    const realLength = row === 0 ? seqLen : Math.max(1, seqLen - Math.floor(seqLen / 3));
    ids.push(source.map((id, i) => (i < realLength ? id : tokenizer.padId)));
    padding.push(source.map((_, i) => (i < realLength ? 1 : 0)));
  }
  return { ids, padding };
}

/** The encoder's logits on the reference inputs, as nested arrays [rows][n][vocab]. */
export async function referenceLogits(model: Encoder, ids: number[][], padding: number[][]): Promise<number[][][]> {
  const rows = ids.length;
  const n = ids[0].length;
  const tokens = tf.tensor2d(ids.flat(), [rows, n], 'int32');
  const mask = tf.tensor2d(padding.flat(), [rows, n], 'float32');
  try {
    const { logits, attention } = encoderForward(model, tokens, mask, { training: false });
    tf.dispose(attention);
    let values: Float32Array;
    try {
      values = (await logits.data()) as Float32Array;
    } finally {
      logits.dispose(); // also when the read fails (a lost GPU device rejects it)
    }
    const vocab = model.config.vocabSize;
    return Array.from({ length: rows }, (_, row) =>
      Array.from({ length: n }, (_, position) =>
        Array.from(values.subarray((row * n + position) * vocab, (row * n + position + 1) * vocab)),
      ),
    );
  } finally {
    tokens.dispose();
    mask.dispose();
  }
}

/** The largest elementwise |a − b| of two [rows][n][vocab] arrays; Infinity when their shapes differ. */
export function maxLogitDifference(a: number[][][], b: number[][][]): number {
  if (a.length !== b.length) return Infinity;
  let worst = 0;
  for (let row = 0; row < a.length; row++) {
    if (a[row].length !== b[row].length) return Infinity;
    for (let position = 0; position < a[row].length; position++) {
      const x = a[row][position];
      const y = b[row][position];
      if (x.length !== y.length) return Infinity;
      for (let v = 0; v < x.length; v++) worst = Math.max(worst, Math.abs(x[v] - y[v]));
    }
  }
  return worst;
}
