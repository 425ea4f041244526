import { describe, expect, it } from 'vitest';
import type { ModelConfig } from '../model/config';
import { theoreticalRatios } from './ratios';

const base: ModelConfig = {
  layers: 2,
  heads: 4,
  dModel: 64,
  dFF: 256,
  seqLen: 512,
  vocabSize: 80,
  dropout: 0,
  attention: 'linformer',
  sharing: 'layerwise',
  projection: 'linear',
  kPerLayer: [128, 128],
  seed: 1,
};
const at = (seqLen: number, overrides: Partial<ModelConfig> = {}) =>
  theoreticalRatios({ ...base, seqLen, ...overrides }, 2);
const lengths = [512, 1024, 2048, 4096, 8192, 16384, 32768, 65536];

describe('theoreticalRatios', () => {
  it('gives an attention-only speed-up that doubles when n doubles at fixed k', () => {
    // Learned projections: every attention term of both models is ∝ n² or ∝ n·k, so the doubling is exact.
    for (let i = 1; i < lengths.length; i++) {
      expect(at(lengths[i]).attentionSpeedup / at(lengths[i - 1]).attentionSpeedup).toBeCloseTo(2, 10);
    }
    // Per head, standard: n²·(4·dh + 6 + 2 for the mask); Linformer: n·k·(4·dh + 6) + 4·k·n·dh + 2·n·dh
    // (zeroing padded K and V rows), with dh = 16: n·72 / (128·134 + 32) at n = 512 is 2.1452…
    expect(at(512).attentionSpeedup).toBeCloseTo((512 * 72) / (128 * 134 + 32), 12);
  });

  it('approaches a doubling for pooling, whose compression cost grows with n but not with k', () => {
    const doublings = lengths
      .slice(1)
      .map(
        (n, i) =>
          at(n, { projection: 'mean-pool' }).attentionSpeedup /
          at(lengths[i], { projection: 'mean-pool' }).attentionSpeedup,
      );
    for (let i = 1; i < doublings.length; i++)
      expect(Math.abs(doublings[i] - 2)).toBeLessThan(Math.abs(doublings[i - 1] - 2));
    // At n = 65536 the factor is 2·(70k + 64 + 32k/n) / (70k + 64 + 16k/n) ≈ 2 + 7e-6.
    expect(doublings.at(-1)).toBeCloseTo(2, 4);
  });

  it('saves exactly 2n/k of the attention-map memory (4 masked n×n maps kept against 2 n×k maps)', () => {
    for (const n of [512, 2048, 8192]) {
      for (const k of [64, 128, 256])
        expect(at(n, { kPerLayer: [k, k] }).attentionMemorySaving).toBeCloseTo((2 * n) / k, 12);
    }
  });

  it('shows a whole-model gain far below the attention gain at small n, growing linearly only at large n', () => {
    const small = at(128, { kPerLayer: [32, 32] });
    // Attention alone: 128·70 / (32·134) ≈ 2.09; the shared O(n·d²) work keeps the whole model near 1.
    expect(small.attentionSpeedup).toBeGreaterThan(2);
    expect(small.speedup).toBeLessThan(1.3);
    expect(small.speedup).toBeGreaterThan(1);
    // Once standard attention's n² dominates its whole cost, the whole-model ratio doubles with n too.
    expect(at(65536).speedup / at(32768).speedup).toBeGreaterThan(1.95);
    expect(at(65536).memorySaving / at(32768).memorySaving).toBeGreaterThan(1.95);
    expect(at(65536).inferencePeakSaving).toBeGreaterThan(at(512).inferencePeakSaving);
  });

  it('compares the same model whichever attention the config names', () => {
    const fromLinformer = at(1024);
    const fromStandard = at(1024, { attention: 'standard' });
    expect(fromStandard.speedup).toBe(fromLinformer.speedup);
    expect(fromStandard.memorySaving).toBe(fromLinformer.memorySaving);
    expect(fromLinformer.standard.flops.total / fromLinformer.linformer.flops.total).toBe(fromLinformer.speedup);
  });
});
