import { describe, expect, it } from 'vitest';
import { createRng } from '../random';
import { effectiveRank, meaningfulTailIndex, normalizedCumulative, rankKRelativeError } from './spectrumMetrics';
import { composeFromFactors, frobeniusSquared, matrixWithSingularValues } from './testMatrices';

const spectrum = (...values: number[]) => Float64Array.from(values);

describe('normalizedCumulative', () => {
  it('accumulates and normalizes by the total (hand-computed)', () => {
    // Total 6: 3/6, 5/6, 6/6, 6/6.
    const c = normalizedCumulative(spectrum(3, 2, 1, 0));
    expect(c[0]).toBeCloseTo(0.5, 15);
    expect(c[1]).toBeCloseTo(5 / 6, 15);
    expect(c[2]).toBe(1);
    expect(c[3]).toBe(1);
  });

  it('ends at exactly 1 even when the division rounds', () => {
    const sigma = spectrum(0.7, 0.2, 0.1, 0.1, 0.1, 0.1, 0.1);
    const c = normalizedCumulative(sigma);
    expect(c[c.length - 1]).toBe(1);
    for (let i = 1; i < c.length; i++) expect(c[i]).toBeGreaterThanOrEqual(c[i - 1]);
  });

  it('gives zeros for an all-zero spectrum and nothing for an empty one', () => {
    expect(Array.from(normalizedCumulative(spectrum(0, 0, 0)))).toEqual([0, 0, 0]);
    expect(normalizedCumulative(spectrum()).length).toBe(0);
  });
});

describe('rankKRelativeError', () => {
  it('matches √(Σ_{i>k} σᵢ² / Σσᵢ²) by hand', () => {
    // Σσ² = 9 + 4 + 1 = 14.
    const sigma = spectrum(3, 2, 1, 0);
    expect(rankKRelativeError(sigma, 0)).toBeCloseTo(1, 15);
    expect(rankKRelativeError(sigma, 1)).toBeCloseTo(Math.sqrt(5 / 14), 15);
    expect(rankKRelativeError(sigma, 2)).toBeCloseTo(Math.sqrt(1 / 14), 15);
    expect(rankKRelativeError(sigma, 3)).toBe(0);
    expect(rankKRelativeError(sigma, 10)).toBe(0);
  });

  it('equals ‖P − P_k‖_F / ‖P‖_F for the truncated factorization (Eckart–Young)', () => {
    const s = [4, 2, 1, 0.5, 0.25, 0.1];
    const { a, u, v } = matrixWithSingularValues(9, 7, s, createRng(4));
    for (const k of [1, 3, 5]) {
      const truncated = composeFromFactors(u, s.map((x, i) => (i < k ? x : 0)), v, 9, 7);
      const residual = a.map((x, i) => x - truncated[i]);
      const expected = Math.sqrt(frobeniusSquared(residual) / frobeniusSquared(a));
      expect(rankKRelativeError(Float64Array.from(s), k)).toBeCloseTo(expected, 12);
    }
  });

  it('keeps a tiny tail error that 1 − head would lose to cancellation', () => {
    // The tail is 1e-10 relative: 1 − (head/total) would round it to 0 or to a multiple of 1e-16.
    expect(rankKRelativeError(spectrum(1, 1e-10), 1)).toBeCloseTo(1e-10, 20);
  });

  it('is 0 for an all-zero spectrum and rejects a bad k', () => {
    expect(rankKRelativeError(spectrum(0, 0), 1)).toBe(0);
    expect(() => rankKRelativeError(spectrum(1), -1)).toThrow(/k must be a whole number/);
    expect(() => rankKRelativeError(spectrum(1), 1.5)).toThrow(/k must be a whole number/);
  });
});

describe('effectiveRank', () => {
  it('is 1 for rank one and r for r equal values (zeros ignored)', () => {
    expect(effectiveRank(spectrum(5, 0, 0))).toBe(1);
    expect(effectiveRank(spectrum(2, 2, 2, 0))).toBeCloseTo(3, 14);
  });

  it('matches hand-computed entropies', () => {
    // p = (3/4, 1/4): exp(H) = (4/3)^(3/4) · 4^(1/4).
    expect(effectiveRank(spectrum(3, 1))).toBeCloseTo(1.7547653506033234, 14);
    // p = (1/2, 1/4, 1/8, 1/8): H = 1.75·ln 2, so exp(H) = 2^1.75.
    expect(effectiveRank(spectrum(4, 2, 1, 1))).toBeCloseTo(Math.pow(2, 1.75), 14);
  });

  it('does not depend on the overall scale and is 0 for the zero spectrum', () => {
    expect(effectiveRank(spectrum(3e-200, 1e-200))).toBeCloseTo(effectiveRank(spectrum(3, 1)), 14);
    expect(effectiveRank(spectrum(0, 0))).toBe(0);
  });
});

describe('meaningfulTailIndex', () => {
  const sigma = spectrum(1, 0.5, 1e-3, 1e-5, 0);

  it('finds the first value below the relative floor', () => {
    expect(meaningfulTailIndex(sigma, 3e-4)).toBe(3);
    expect(meaningfulTailIndex(sigma, 0.5)).toBe(2);
    expect(meaningfulTailIndex(sigma, 1)).toBe(1);
  });

  it('returns the length when nothing is below the floor, and 0 for a zero spectrum', () => {
    expect(meaningfulTailIndex(spectrum(2, 1), 0.1)).toBe(2);
    expect(meaningfulTailIndex(sigma, 0)).toBe(5);
    expect(meaningfulTailIndex(spectrum(0, 0), 0.1)).toBe(0);
    expect(meaningfulTailIndex(spectrum(), 0.1)).toBe(0);
  });

  it('rejects a floor outside [0, 1]', () => {
    expect(() => meaningfulTailIndex(sigma, -0.1)).toThrow(/relativeFloor/);
    expect(() => meaningfulTailIndex(sigma, NaN)).toThrow(/relativeFloor/);
  });
});

describe('spectrum checks', () => {
  it('rejects unsorted, negative and non-finite spectra in every metric', () => {
    for (const metric of [normalizedCumulative, effectiveRank, (s: Float64Array) => rankKRelativeError(s, 1)]) {
      expect(() => metric(spectrum(1, 2))).toThrow(/descending order/);
      expect(() => metric(spectrum(1, -1))).toThrow(/finite values ≥ 0/);
      expect(() => metric(spectrum(NaN))).toThrow(/finite values ≥ 0/);
    }
    expect(() => meaningfulTailIndex(spectrum(1, 2), 0.1)).toThrow(/descending order/);
  });
});
