import { describe, expect, it } from 'vitest';
import { assertValidConfig } from '../model/config';
import { describeSweepPoint, planSweep, sweepPointConfig } from './sweepPlan';

describe('planSweep', () => {
  it('runs standard then each k ≤ n, per n, smallest first, without duplicates', () => {
    expect(planSweep([64, 32, 64], [64, 16])).toEqual([
      { n: 32, k: null, attention: 'standard' },
      { n: 32, k: 16, attention: 'linformer' },
      { n: 64, k: null, attention: 'standard' },
      { n: 64, k: 16, attention: 'linformer' },
      { n: 64, k: 64, attention: 'linformer' },
    ]);
  });
});

describe('sweepPointConfig', () => {
  const shape = {
    layers: 2,
    heads: 2,
    dModel: 32,
    dFF: 64,
    vocabSize: 80,
    sharing: 'layerwise' as const,
    projection: 'linear' as const,
  };
  it('gives valid configs for both kinds', () => {
    for (const point of planSweep([32, 64], [16])) {
      const config = assertValidConfig(sweepPointConfig(shape, point));
      expect(config.seqLen).toBe(point.n);
      expect(config.attention).toBe(point.attention);
      if (point.k !== null) expect(config.kPerLayer).toEqual([point.k, point.k]);
    }
    expect(describeSweepPoint({ n: 512, k: 64, attention: 'linformer' })).toBe('Linformer n = 512, k = 64');
  });
});
