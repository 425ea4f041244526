import { describe, expect, it } from 'vitest';
import { createRng } from '../random';
import { jacobiSvd } from './jacobiSvd';
import { lowRankApproximation, rankErrors, relativeFrobeniusError } from './lowRank';
import { rankKRelativeError } from './spectrumMetrics';
import { composeFromFactors, matrixWithSingularValues, maxAbsDifference, softmaxRows } from './testMatrices';

describe('rankErrors (Eckart–Young from the singular values)', () => {
  it('goes from 1 at r = 0 to 0 at r = p and matches the single-rank function at every r', () => {
    const sigma = Float64Array.of(3, 2, 1, 0.5, 0);
    const errors = rankErrors(sigma);
    expect(errors).toHaveLength(6);
    expect(errors[0]).toBe(1);
    expect(errors[5]).toBe(0);
    expect(errors[4]).toBe(0);
    for (let r = 0; r <= 5; r++) expect(errors[r]).toBeCloseTo(rankKRelativeError(sigma, r), 15);
    // √((1 + 0.25) / (9 + 4 + 1 + 0.25)) at r = 2.
    expect(errors[2]).toBeCloseTo(Math.sqrt(1.25 / 14.25), 15);
  });

  it('keeps tiny errors that 1 − head would lose to cancellation', () => {
    const errors = rankErrors(Float64Array.of(1, 1e-10));
    expect(errors[1]).toBeCloseTo(1e-10, 20);
  });

  it('gives zeros for the zero spectrum and refuses an unsorted one', () => {
    expect(Array.from(rankErrors(new Float64Array(3)))).toEqual([0, 0, 0, 0]);
    expect(() => rankErrors(Float64Array.of(1, 2))).toThrow(/descending/);
  });
});

describe('lowRankApproximation', () => {
  it('equals the truncated factors of a matrix of known spectrum, and its error is the Eckart–Young one', () => {
    const s = [5, 3, 2, 1, 0.5, 0.25];
    const { a, u, v } = matrixWithSingularValues(12, 9, s, createRng(12));
    const svd = jacobiSvd(a, 12, 9);
    const errors = rankErrors(svd.sigma);
    for (let r = 0; r <= 6; r++) {
      const truncated = composeFromFactors(
        Float64Array.from({ length: 12 * r }, (_, i) => u[Math.floor(i / r) * s.length + (i % r)]),
        s.slice(0, r),
        Float64Array.from({ length: 9 * r }, (_, i) => v[Math.floor(i / r) * s.length + (i % r)]),
        12,
        9,
      );
      const approximation = lowRankApproximation(svd, r);
      expect(maxAbsDifference(approximation, truncated)).toBeLessThan(1e-12);
      expect(relativeFrobeniusError(a, approximation)).toBeCloseTo(errors[r], 10);
    }
    expect(relativeFrobeniusError(a, lowRankApproximation(svd, 9))).toBeLessThan(1e-13);
  });

  it('gives the measured error of the reconstruction as Eckart–Young predicts, on softmax attention', () => {
    const n = 32;
    const p = softmaxRows(n, n, 2.5, createRng(32));
    const svd = jacobiSvd(p, n, n);
    const errors = rankErrors(svd.sigma);
    for (let r = 0; r <= n; r++) {
      expect(Math.abs(relativeFrobeniusError(p, lowRankApproximation(svd, r)) - errors[r])).toBeLessThan(1e-10);
    }
    // Each added rank takes error away.
    for (let r = 1; r <= n; r++) expect(errors[r]).toBeLessThanOrEqual(errors[r - 1]);
  });

  it('recovers a rank-1 matrix exactly at r = 1', () => {
    const x = Float64Array.of(0.2, 0.3, 0.5);
    const y = Float64Array.of(1, 2, 3, 4);
    const a = Float64Array.from({ length: 12 }, (_, i) => x[Math.floor(i / 4)] * y[i % 4]);
    const svd = jacobiSvd(a, 3, 4);
    expect(rankErrors(svd.sigma)[1]).toBeLessThan(1e-15);
    expect(relativeFrobeniusError(a, lowRankApproximation(svd, 1))).toBeLessThan(1e-14);
    expect(relativeFrobeniusError(a, lowRankApproximation(svd, 0))).toBe(1);
  });

  it('forms a block that equals the same block of the whole approximation', () => {
    const p = softmaxRows(10, 7, 2, createRng(10));
    const svd = jacobiSvd(p, 10, 7);
    const whole = lowRankApproximation(svd, 3);
    const block = lowRankApproximation(svd, 3, { rowStart: 4, rowCount: 5, colStart: 2, colCount: 3 });
    for (let i = 0; i < 5; i++) for (let j = 0; j < 3; j++) expect(block[i * 3 + j]).toBe(whole[(4 + i) * 7 + 2 + j]);
  });

  it('refuses a rank or a block outside the matrix', () => {
    const svd = jacobiSvd(softmaxRows(4, 4, 1, createRng(4)), 4, 4);
    expect(() => lowRankApproximation(svd, 5)).toThrow(/from 0 to 4/);
    expect(() => lowRankApproximation(svd, 1.5)).toThrow(/whole number/);
    expect(() => lowRankApproximation(svd, 1, { rowStart: 2, rowCount: 3, colStart: 0, colCount: 4 })).toThrow(/does not fit/);
  });
});

describe('relativeFrobeniusError', () => {
  it('measures ‖a − b‖_F / ‖a‖_F', () => {
    expect(relativeFrobeniusError([3, 4], [3, 0])).toBeCloseTo(0.8, 15);
    expect(relativeFrobeniusError([0, 0], [0, 0])).toBe(0);
    expect(relativeFrobeniusError([0], [1])).toBe(Infinity);
    expect(() => relativeFrobeniusError([1], [1, 2])).toThrow(/differ/);
  });
});
