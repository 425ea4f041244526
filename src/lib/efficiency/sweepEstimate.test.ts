import { describe, expect, it } from 'vitest';
import { encoderCost } from './costModel';
import { planSweep, sweepPointConfig, type SweepShape } from './sweepPlan';
import { costliestPoint, sweepSecondsBound } from './sweepEstimate';

const SHAPE: SweepShape = {
  layers: 2,
  heads: 2,
  dModel: 32,
  dFF: 64,
  vocabSize: 85,
  sharing: 'none',
  projection: 'linear',
};

describe('costliestPoint', () => {
  it('picks the point whose forward has the most FLOPs by the cost model, over every point of the grid', () => {
    const points = planSweep([64, 256, 1024], [16, 64]);
    const flops = points.map((p) => encoderCost(sweepPointConfig(SHAPE, p), 4).flops.total);
    const chosen = costliestPoint(SHAPE, 4, points);
    expect(chosen).toEqual(points[flops.indexOf(Math.max(...flops))]);
    // Quadratic attention at the largest n outgrows every Linformer point of that n.
    expect(chosen).toEqual({ n: 1024, k: null, attention: 'standard' });
  });

  it('is null for an empty grid (every point skipped)', () => {
    expect(costliestPoint(SHAPE, 4, [])).toBeNull();
  });
});

describe('sweepSecondsBound', () => {
  it('is points × (warm-up + timed runs) × (forward + training step) of the timed point, in seconds', () => {
    expect(sweepSecondsBound({ forwardMs: 10, trainStepMs: 30 }, { points: 6, warmup: 2, repeats: 5 })).toBeCloseTo(
      (6 * 7 * 40) / 1000,
    );
  });

  it('counts only forwards when training is not timed', () => {
    expect(sweepSecondsBound({ forwardMs: 10, trainStepMs: null }, { points: 3, warmup: 0, repeats: 1 })).toBeCloseTo(
      0.03,
    );
  });
});
