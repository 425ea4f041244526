import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createEncoder, parameterCount } from '../model/encoder';
import type { ModelConfig } from '../model/config';
import { encoderCost } from './costModel';
import { MeasurementCancelled, measureEncoder, syntheticBatch } from './measure';
import { quantile, summarizeTimings } from './measureStats';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const config = (overrides: Partial<ModelConfig> = {}): ModelConfig => ({
  layers: 2,
  heads: 2,
  dModel: 16,
  dFF: 32,
  seqLen: 32,
  vocabSize: 20,
  dropout: 0,
  attention: 'standard',
  sharing: 'headwise',
  projection: 'linear',
  kPerLayer: [8, 8],
  seed: 1,
  ...overrides,
});

describe('summarizeTimings', () => {
  it('gives the median, extremes and interpolated quartiles', () => {
    const stats = summarizeTimings([5, 1, 4, 2, 3]);
    expect([stats.median, stats.min, stats.max, stats.q1, stats.q3]).toEqual([3, 1, 5, 2, 4]);
    // Four values: the median is the mean of the middle two; q1 sits a quarter of the way from 1 to 2.
    expect(summarizeTimings([4, 1, 3, 2]).median).toBe(2.5);
    expect(quantile([1, 2, 3, 4], 0.25)).toBeCloseTo(1.75, 12);
    expect(stats.samples).toEqual([5, 1, 4, 2, 3]);
    expect(() => summarizeTimings([])).toThrow(RangeError);
  });
});

describe('syntheticBatch', () => {
  it('is a full, unpadded batch of valid ids with one position in seven predicted', () => {
    const batch = syntheticBatch(config(), 2);
    expect(batch.tokens.length).toBe(64);
    expect(Math.max(...batch.tokens)).toBeLessThan(20);
    expect(Array.from(batch.attentionMask).every((m) => m === 1)).toBe(true);
    expect(batch.weights.reduce((a, b) => a + b, 0)).toBe(Math.ceil(64 / 7));
  });
});

describe('measureEncoder on the cpu backend', () => {
  it('times forward and training steps and frees every tensor it made', async () => {
    for (const attention of ['standard', 'linformer'] as const) {
      const before = tf.memory();
      const result = await measureEncoder(config({ attention }), 2, { warmup: 1, repeats: 3 });
      const after = tf.memory();
      expect(after.numTensors).toBe(before.numTensors);
      expect(after.numBytes).toBe(before.numBytes);
      expect(result.forwardMs.samples).toHaveLength(3);
      expect(result.trainStepMs?.samples).toHaveLength(3);
      expect(result.forwardMs.min).toBeGreaterThan(0);
      expect(result.forwardMs.min).toBeLessThanOrEqual(result.forwardMs.median);
      expect(result.forwardMs.median).toBeLessThanOrEqual(result.forwardMs.max);
      expect(result.forwardPeakBytes).toBe(result.peakBytes - result.baselineBytes);
      // A training step keeps more alive than inference (gradients, saved activations).
      expect(result.trainPeakBytes).toBeGreaterThan(result.peakBytes);
    }
  });

  it('measures a baseline of the weights, AdamW moments and batch', async () => {
    const model = createEncoder(config());
    const weights = parameterCount(model).total;
    model.dispose();
    const result = await measureEncoder(config(), 2, { warmup: 0, repeats: 1 });
    // Weights and two moments in float32, plus ids (int32) and mask (float32) of 64 positions.
    expect(result.baselineBytes).toBe(3 * 4 * weights + 2 * 4 * 64);
  });

  it('finds a forward peak near the cost model’s estimate, for both kinds', async () => {
    for (const attention of ['standard', 'linformer'] as const) {
      for (const seqLen of [32, 64]) {
        const c = config({ attention, seqLen });
        const result = await measureEncoder(c, 2, { warmup: 0, repeats: 1, training: false });
        expect(result.trainStepMs).toBeNull();
        const ratio = result.forwardPeakBytes / encoderCost(c, 2).forwardPeakBytes;
        expect(ratio).toBeGreaterThan(0.8);
        expect(ratio).toBeLessThan(1.25);
      }
    }
  });

  it('stops when asked, between runs, without leaking', async () => {
    const before = tf.memory().numTensors;
    let polls = 0;
    await expect(
      measureEncoder(config(), 2, { warmup: 1, repeats: 5, shouldStop: () => ++polls > 3 }),
    ).rejects.toBeInstanceOf(MeasurementCancelled);
    expect(polls).toBe(4);
    expect(tf.memory().numTensors).toBe(before);
  });
});
