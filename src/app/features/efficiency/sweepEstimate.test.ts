import { describe, expect, it } from 'vitest';
import { sweepEstimate } from './sweepEstimate';

const TIMING = { points: 6, point: 'standard n = 1024', forwardMs: 50, trainStepMs: 150, backend: 'webgpu' };

describe('sweepEstimate', () => {
  it('bounds the sweep by its costliest point and names that point, the counts and the backend', () => {
    const estimate = sweepEstimate(TIMING, { warmup: 2, repeats: 5, training: true });
    expect(estimate.seconds).toBeCloseTo((6 * 7 * 200) / 1000);
    expect(estimate.basis).toBe(
      'at most: measured a forward 50 ms and a training step 150 ms of the costliest point, standard n = 1024, once on ' +
        'webgpu; × 7 runs (warm-up and timed) × 6 points, each point taken as slow as that one, so smaller points finish sooner',
    );
  });

  it('leaves the training step out of the basis when training is not timed', () => {
    const estimate = sweepEstimate({ ...TIMING, trainStepMs: null }, { warmup: 0, repeats: 1, training: false });
    expect(estimate.seconds).toBeCloseTo((6 * 50) / 1000);
    expect(estimate.basis).toContain('measured a forward 50 ms of the costliest point');
  });

  it('refuses to estimate a sweep none of whose points fits', () => {
    expect(() =>
      sweepEstimate({ ...TIMING, points: 0, point: null }, { warmup: 1, repeats: 1, training: true }),
    ).toThrow(/no point of this sweep fits/);
  });
});
