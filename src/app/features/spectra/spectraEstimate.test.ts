import { describe, expect, it } from 'vitest';
import { spectraEstimate } from './spectraEstimate';

const TIMING = {
  forwardMs: 120,
  svdMs: 15,
  forwards: 2,
  sequencesPerForward: 8,
  matrices: 64,
  poolSize: 4,
  backend: 'webgpu',
};

describe('spectraEstimate', () => {
  it('is the forwards plus every SVD shared among the workers, with the measured times as its basis', () => {
    const estimate = spectraEstimate(TIMING);
    expect(estimate.seconds).toBeCloseTo((2 * 120 + (64 / 4) * 15) / 1000);
    expect(estimate.basis).toBe(
      'measured: one forward of 8 sequences 120 ms and one SVD 15 ms on webgpu; × 2 forwards and × 64 matrices shared by 4 SVD workers',
    );
  });

  it('counts the SVDs one at a time when there is no SVD worker', () => {
    const estimate = spectraEstimate({ ...TIMING, poolSize: 0, matrices: 3, forwards: 1 });
    expect(estimate.seconds).toBeCloseTo((120 + 3 * 15) / 1000);
    expect(estimate.basis).toContain('× 3 matrices one at a time in the compute worker');
  });

  it('rounds a share up: 5 matrices on 2 workers take 3 SVD times', () => {
    expect(spectraEstimate({ ...TIMING, poolSize: 2, matrices: 5, forwards: 1 }).seconds).toBeCloseTo(
      (120 + 3 * 15) / 1000,
    );
  });
});
