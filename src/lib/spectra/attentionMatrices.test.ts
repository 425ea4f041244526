import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createEncoder, encoderForward, type Encoder } from '../model/encoder';
import { tinyConfig } from '../model/testConfigs';
import type { PaddedBatch } from '../data/mlmBatch';
import { singularValues } from '../numerics/singularValues';
import { attentionBatchSize, collectAttentionMatrices } from './attentionMatrices';
import { summarizeSpectra } from './headSummary';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

// n = 8: the first sequence has 5 real tokens, the second 8, the third 6.
const batch: PaddedBatch = {
  batchSize: 3,
  seqLen: 8,
  tokens: Int32Array.from([3, 1, 4, 1, 5, 0, 0, 0, 2, 7, 1, 8, 2, 8, 1, 8, 9, 9, 3, 3, 2, 6, 0, 0]),
  attentionMask: Float32Array.from([1, 1, 1, 1, 1, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0]),
};
const realLengths = [5, 8, 6];

/** The attention tensors straight from encoderForward, as nested arrays [layer][batch][head][row][col]. */
async function referenceAttention(model: Encoder): Promise<number[][][][][]> {
  const tokens = tf.tensor2d(batch.tokens, [3, 8], 'int32');
  const mask = tf.tensor2d(batch.attentionMask, [3, 8]);
  const { logits, attention } = encoderForward(model, tokens, mask, { training: false, collectAttention: true });
  const arrays = await Promise.all(attention.map((probs) => probs.array()));
  tf.dispose([tokens, mask, logits, ...attention]);
  return arrays;
}

describe('collectAttentionMatrices', () => {
  it('returns every layer × head × sequence of standard attention, cropped to the real tokens', async () => {
    const model = createEncoder(tinyConfig({ attention: 'standard', seed: 5 }));
    const reference = await referenceAttention(model);
    const before = tf.memory().numTensors;
    const matrices = await collectAttentionMatrices(model, batch, { firstSequence: 10 });
    expect(tf.memory().numTensors).toBe(before);
    expect(matrices).toHaveLength(2 * 2 * 3);
    for (const m of matrices) {
      const b = m.sequence - 10;
      const length = realLengths[b];
      expect([m.rows, m.cols]).toEqual([length, length]);
      expect(m.data.length).toBe(length * length);
      expect(m.data.byteOffset).toBe(0);
      expect(m.data.buffer.byteLength).toBe(m.data.byteLength);
      for (let i = 0; i < length; i++) {
        let rowSum = 0;
        for (let j = 0; j < length; j++) {
          expect(m.data[i * length + j]).toBe(Math.fround(reference[m.layer][b][m.head][i][j]));
          rowSum += m.data[i * length + j];
        }
        // Padded keys carry no probability, so the cropped rows still sum to 1.
        expect(rowSum).toBeCloseTo(1, 5);
      }
    }
    model.dispose();
  });

  it('keeps all k columns of Linformer attention and honours maxSequences', async () => {
    const model = createEncoder(tinyConfig({ attention: 'linformer', kPerLayer: [4, 2], seed: 6 }));
    const reference = await referenceAttention(model);
    const matrices = await collectAttentionMatrices(model, batch, { maxSequences: 2 });
    expect(matrices).toHaveLength(2 * 2 * 2);
    expect(new Set(matrices.map((m) => m.sequence))).toEqual(new Set([0, 1]));
    for (const m of matrices) {
      expect(m.rows).toBe(realLengths[m.sequence]);
      expect(m.cols).toBe([4, 2][m.layer]);
      expect(Array.from(m.data)).toEqual(reference[m.layer][m.sequence][m.head].slice(0, m.rows).flat().map(Math.fround));
    }
    model.dispose();
  });

  it('feeds a spectrum analysis with row-stochastic matrices (σ₁ ≥ 1) and one summary per head', async () => {
    const model = createEncoder(tinyConfig({ attention: 'standard', heads: 2, layers: 2, seed: 7 }));
    const matrices = await collectAttentionMatrices(model, batch);
    const spectra = matrices.map((m) => ({ ...m, sigma: singularValues(m.data, m.rows, m.cols) }));
    // P·1 = 1 for a row-stochastic P, so its largest singular value is at least 1.
    for (const { sigma } of spectra) expect(sigma[0]).toBeGreaterThan(1 - 1e-5);
    const summaries = summarizeSpectra(spectra, 2);
    expect(summaries).toHaveLength(4);
    for (const summary of summaries) {
      expect(summary.sequences).toBe(3);
      expect(summary.meanCumulative.length).toBe(8);
      expect(summary.cumulativeAtK).toBeGreaterThan(0);
      expect(summary.cumulativeAtK).toBeLessThanOrEqual(1);
      expect(summary.meanCumulative[7]).toBeCloseTo(1, 12);
    }
    model.dispose();
  });

  it('refuses an empty selection', async () => {
    const model = createEncoder(tinyConfig());
    await expect(collectAttentionMatrices(model, batch, { maxSequences: 0 })).rejects.toThrow(/no sequences/);
    model.dispose();
  });
});

describe('attentionBatchSize', () => {
  it('keeps a batch near the byte budget and within [1, maxBatch]', () => {
    // 4 layers × 4 heads × 512 × 512 × 4 B = 16 MiB per sequence: two fit in 32 MiB.
    expect(attentionBatchSize(4, 4, 512, 512)).toBe(2);
    expect(attentionBatchSize(12, 12, 1024, 1024)).toBe(1);
    expect(attentionBatchSize(2, 2, 32, 8)).toBe(8);
  });
});
