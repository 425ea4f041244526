import { describe, expect, it } from 'vitest';
import { createRng } from '../random';
import { singularValues } from '../numerics/singularValues';
import { composeFromFactors, frobeniusSquared, matrixWithSingularValues } from '../numerics/testMatrices';
import {
  FLOAT32_ENTRY_ERROR,
  cumulativeAt,
  cumulativeAtKGrid,
  meanCumulativeCurve,
  relativeNoiseFloor,
  summarizeHead,
  summarizeSpectra,
  type MatrixSpectrum,
} from './headSummary';

/** Σ_{i≤j} s_i / Σ s, by hand, for a known spectrum. */
function cumulativeOf(s: number[]): number[] {
  const total = s.reduce((a, b) => a + b, 0);
  let running = 0;
  return s.map((value) => (running += value) / total);
}

const float64Everywhere = { entries: 'float64', gram: 'float64' } as const;

describe('summarizeHead on matrices of known spectrum', () => {
  const rng = createRng(77);
  // Two 12×9 matrices (tall) and their known singular values, with a clear low-rank structure.
  const known = [
    [4, 2, 1, 0.5, 0.25, 0.1, 0.05, 0.01, 0.001],
    [3, 3, 1, 1, 0.2, 0.2, 0.02, 0.02, 0.002],
  ];
  const built = known.map((s) => ({ s, ...matrixWithSingularValues(12, 9, s, rng) }));
  const spectra = built.map(({ a }) => singularValues(a, 12, 9));

  it('averages the normalised cumulative curves over the sequences', () => {
    const summary = summarizeHead(0, 0, spectra, 3, float64Everywhere);
    const expected = cumulativeOf(known[0]).map((c, j) => (c + cumulativeOf(known[1])[j]) / 2);
    expect(summary.meanCumulative.length).toBe(9);
    summary.meanCumulative.forEach((value, j) => expect(value).toBeCloseTo(expected[j], 10));
    expect(summary.cumulativeAtK).toBeCloseTo(expected[2], 10);
    expect(summary.sequences).toBe(2);
  });

  it('gives the best rank-k error of the truncated SVD, ‖P − P_k‖_F / ‖P‖_F, averaged', () => {
    for (const k of [1, 3, 6]) {
      // The reference: rebuild P_k from the factors and measure the difference directly.
      const direct = built.map(({ a, u, v, s }) => {
        const truncated = s.map((value, i) => (i < k ? value : 0));
        const pk = composeFromFactors(u, truncated, v, 12, 9);
        const difference = a.map((value, i) => value - pk[i]);
        return Math.sqrt(frobeniusSquared(difference) / frobeniusSquared(a));
      });
      const summary = summarizeHead(0, 0, spectra, k, float64Everywhere);
      expect(summary.rankKError).toBeCloseTo((direct[0] + direct[1]) / 2, 8);
    }
  });

  it('reports an effective rank of r for r equal values and 1 for rank one', () => {
    const flat = singularValues(matrixWithSingularValues(8, 8, [2, 2, 2, 2, 2], rng).a, 8, 8);
    const rankOne = singularValues(matrixWithSingularValues(8, 8, [5], rng).a, 8, 8);
    expect(summarizeHead(0, 0, [flat], 2, float64Everywhere).effectiveRank).toBeCloseTo(5, 5);
    expect(summarizeHead(0, 0, [rankOne], 2, float64Everywhere).effectiveRank).toBeCloseTo(1, 5);
    // The mean of the two.
    expect(summarizeHead(0, 0, [flat, rankOne], 2, float64Everywhere).effectiveRank).toBeCloseTo(3, 5);
  });

  it('extends a shorter spectrum with 1 when sequences differ in length', () => {
    const short = new Float64Array([3, 1]);
    const long = new Float64Array([1, 1, 1, 1]);
    const curve = meanCumulativeCurve([short, long]);
    expect(Array.from(curve)).toEqual([(0.75 + 0.25) / 2, (1 + 0.5) / 2, (1 + 0.75) / 2, 1]);
    expect(cumulativeAt(curve, 2)).toBe(0.75);
    expect(cumulativeAt(curve, 99)).toBe(1);
    expect(() => cumulativeAt(curve, 0)).toThrow(/k must be/);
  });

  it('refuses a head without spectra', () => {
    expect(() => summarizeHead(1, 2, [], 4)).toThrow(/Layer 2, head 3 has no spectra/);
  });
});

describe('where the tail stops being meaningful', () => {
  it('cuts at FLOAT32_ENTRY_ERROR·‖P‖_F for float32 entries', () => {
    const sigma = new Float64Array([1, 0.5, 1e-3, 1e-5, 1e-7, 1e-9]);
    const norm = Math.sqrt(1 + 0.25 + 1e-6 + 1e-10 + 1e-14 + 1e-18);
    expect(relativeNoiseFloor(sigma, { entries: 'float32', gram: 'float64' })).toBeCloseTo(FLOAT32_ENTRY_ERROR * norm, 15);
    // 1e-7 lies below ~1.06e-6: the first four values are meaningful.
    expect(summarizeHead(0, 0, [sigma], 1, { entries: 'float32', gram: 'float64' }).meaningfulTail).toBe(4);
    // A float32 Gram product keeps only values above 3e-4·σ₁.
    expect(summarizeHead(0, 0, [sigma], 1, { entries: 'float32', gram: 'float32' }).meaningfulTail).toBe(3);
    // Everything in float64: only the 1e-9 value is below √ε ≈ 1.5e-8.
    expect(summarizeHead(0, 0, [sigma], 1, float64Everywhere).meaningfulTail).toBe(5);
  });

  it('takes the most pessimistic sequence', () => {
    const clean = new Float64Array([1, 0.5, 0.1, 0.05]);
    const noisy = new Float64Array([1, 0.5, 1e-9, 0]);
    expect(summarizeHead(0, 0, [clean, noisy], 1).meaningfulTail).toBe(2);
    expect(summarizeHead(0, 0, [clean], 1).meaningfulTail).toBe(4);
  });
});

describe('summarizeSpectra', () => {
  it('groups spectra by head, orders by layer then head, and fills the layers × heads grid', () => {
    const spectrum = (layer: number, head: number, sequence: number, sigma: number[]): MatrixSpectrum => ({
      layer,
      head,
      sequence,
      rows: 3,
      cols: 3,
      sigma: new Float64Array(sigma),
    });
    const spectra = [
      spectrum(1, 0, 0, [1, 1, 0]),
      spectrum(0, 1, 0, [2, 1, 1]),
      spectrum(0, 0, 0, [1, 0, 0]),
      spectrum(0, 1, 1, [1, 1, 1]),
    ];
    const summaries = summarizeSpectra(spectra, 1, float64Everywhere);
    expect(summaries.map((s) => [s.layer, s.head, s.sequences])).toEqual([
      [0, 0, 1],
      [0, 1, 2],
      [1, 0, 1],
    ]);
    expect(summaries[1].cumulativeAtK).toBeCloseTo((0.5 + 1 / 3) / 2, 12);
    const grid = cumulativeAtKGrid(summaries, 2, 2);
    expect(grid[0][0]).toBe(1);
    expect(grid[1][0]).toBe(0.5);
    expect(grid[1][1]).toBeNull();
  });
});
