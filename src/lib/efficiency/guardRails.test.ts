import { describe, expect, it } from 'vitest';
import type { ModelConfig } from '../model/config';
import { checkPointFits, formatBytes, largestTensor, largestTensorBytes } from './guardRails';

const MiB = 2 ** 20;
const GiB = 2 ** 30;
const limits = { maxBufferSize: 256 * MiB, maxStorageBufferBindingSize: 128 * MiB };
const unlimited = 2 ** 50;

// 4 heads at n = 4096: standard scores for batch 4 are 4·4·4096·4096·4 bytes = 2^30 = 1 GiB.
const longSequence: ModelConfig = {
  layers: 1,
  heads: 4,
  dModel: 64,
  dFF: 128,
  seqLen: 4096,
  vocabSize: 100,
  dropout: 0,
  attention: 'standard',
  sharing: 'layerwise',
  projection: 'linear',
  kPerLayer: [256],
  seed: 1,
};

describe('checkPointFits', () => {
  it('rejects attention scores larger than a storage binding, naming the tensor, its size and the limit', () => {
    const verdict = checkPointFits({ config: longSequence, batch: 4, limits, budgetBytes: unlimited });
    expect(verdict).toMatchObject({
      ok: false,
      reason:
        'standard attention scores need 1.0 GiB in one buffer; this adapter allows 128 MiB (maxStorageBufferBindingSize)',
    });
    expect(largestTensorBytes(longSequence, 4)).toBe(GiB);
  });

  it('names maxBufferSize when that is the tighter limit', () => {
    const tight = { maxBufferSize: 64 * MiB, maxStorageBufferBindingSize: 128 * MiB };
    const verdict = checkPointFits({ config: longSequence, batch: 4, limits: tight, budgetBytes: unlimited });
    expect(verdict).toMatchObject({
      ok: false,
      reason: 'standard attention scores need 1.0 GiB in one buffer; this adapter allows 64 MiB (maxBufferSize)',
    });
  });

  it('accepts scores below the limit, and exactly at it', () => {
    // n = 1024, batch 4: 4·4·1024·1024·4 = 64 MiB. n = 2048, batch 2: 2·4·2048·2048·4 = 128 MiB.
    expect(
      checkPointFits({ config: { ...longSequence, seqLen: 1024 }, batch: 4, limits, budgetBytes: unlimited }).ok,
    ).toBe(true);
    expect(largestTensorBytes({ ...longSequence, seqLen: 2048 }, 2)).toBe(128 * MiB);
    expect(
      checkPointFits({ config: { ...longSequence, seqLen: 2048 }, batch: 2, limits, budgetBytes: unlimited }).ok,
    ).toBe(true);
  });

  it('lets Linformer run the point standard attention cannot', () => {
    // k = 256: 4·4·4096·256·4 = 64 MiB, still the largest tensor (FFN activations are 4·4096·128·4 = 8 MiB).
    const linformer = { ...longSequence, attention: 'linformer' as const };
    expect(largestTensor(linformer, 4)).toEqual({ label: 'Linformer attention scores', bytes: 64 * MiB });
    expect(checkPointFits({ config: linformer, batch: 4, limits, budgetBytes: unlimited }).ok).toBe(true);
  });

  it('skips the buffer checks when there is no WebGPU adapter', () => {
    expect(checkPointFits({ config: longSequence, batch: 4, limits: null, budgetBytes: unlimited }).ok).toBe(true);
  });

  it('rejects a training step over the memory budget, with its estimate', () => {
    // The hand-counted model of costModel.test.ts: activations 2080 elements = 8320 bytes, 290 weights.
    // Weights, their gradients and two AdamW moments: 4·290·4 = 4640 bytes. Total 12960 bytes.
    const tiny: ModelConfig = {
      ...longSequence,
      heads: 1,
      dModel: 4,
      dFF: 8,
      seqLen: 8,
      vocabSize: 10,
      kPerLayer: [2],
    };
    const estimateBytes = 8320 + 4 * 290 * 4;
    expect(checkPointFits({ config: tiny, batch: 2, limits: null, budgetBytes: 8192 })).toEqual({
      ok: false,
      estimateBytes,
      reason:
        'a training step needs about 13 KiB (activations 8.1 KiB, weights with gradients and AdamW moments 4.5 KiB); the memory budget is 8.0 KiB',
    });
    expect(checkPointFits({ config: tiny, batch: 2, limits, budgetBytes: estimateBytes })).toEqual({
      ok: true,
      estimateBytes,
    });
  });
});

describe('largestTensor', () => {
  it('names the MLM logits when the vocabulary is what is large', () => {
    // Logits 8·128·30000·4 = 122 880 000 bytes; scores only 8·4·128·128·4 = 2 MiB.
    const config = { ...longSequence, seqLen: 128, vocabSize: 30000 };
    expect(largestTensor(config, 8)).toEqual({ label: 'MLM logits', bytes: 8 * 128 * 30000 * 4 });
  });
});

describe('formatBytes', () => {
  it('uses binary units, one decimal below 10 and whole numbers above', () => {
    expect(formatBytes(GiB)).toBe('1.0 GiB');
    expect(formatBytes(1.5 * GiB)).toBe('1.5 GiB');
    expect(formatBytes(128 * MiB)).toBe('128 MiB');
    expect(formatBytes(3 * 1024 + 512)).toBe('3.5 KiB');
    expect(formatBytes(512)).toBe('512 B');
  });
});
