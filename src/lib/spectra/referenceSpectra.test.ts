import { describe, expect, it } from 'vitest';
import { singularValues } from '../numerics/singularValues';
import { effectiveRank, normalizedCumulative } from '../numerics/spectrumMetrics';
import { meanCumulativeCurve } from './headSummary';
import {
  REFERENCE_DRAWS,
  randomSoftmaxAttention,
  randomSoftmaxSpectra,
  referenceCurves,
  referenceDraws,
  uniformAttention,
  uniformSpectrum,
} from './referenceSpectra';

/** The largest column sum and the largest row sum's distance from 1 of a row-major rows × cols matrix. */
function sums(data: Float64Array, rows: number, cols: number) {
  let maxColumn = 0;
  let rowError = 0;
  for (let c = 0; c < cols; c++) {
    let column = 0;
    for (let r = 0; r < rows; r++) column += data[r * cols + c];
    maxColumn = Math.max(maxColumn, column);
  }
  for (let r = 0; r < rows; r++) {
    let row = 0;
    for (let c = 0; c < cols; c++) row += data[r * cols + c];
    rowError = Math.max(rowError, Math.abs(row - 1));
  }
  return { maxColumn, rowError };
}

describe('uniform attention reference', () => {
  it('is rank 1: its cumulative curve is exactly 1 from index 1, square or n × k', () => {
    for (const [rows, cols] of [
      [64, 64],
      [32, 8],
      [5, 9],
    ]) {
      const { uniform } = referenceCurves(rows, cols, { draws: 1 });
      expect(uniform).toHaveLength(Math.min(rows, cols));
      expect(Array.from(uniform).every((value) => value === 1)).toBe(true);
    }
  });

  it('has the spectrum a numerical SVD of the matrix itself finds, to the Gram route’s accuracy', () => {
    const matrix = uniformAttention(48, 12);
    expect(matrix.every((entry) => entry === 1 / 12)).toBe(true);
    const exact = uniformSpectrum(48, 12);
    const numeric = singularValues(matrix, 48, 12);
    expect(exact[0]).toBe(2); // √(48 / 12)
    expect(numeric[0]).toBeCloseTo(exact[0], 12);
    // The zeros come back as rounding noise of about √ε·σ₁, never more.
    for (let i = 1; i < exact.length; i++) expect(Math.abs(numeric[i] - exact[i])).toBeLessThan(1e-7);
  });
});

describe('random softmax reference', () => {
  it('draws row-stochastic matrices with positive entries', () => {
    const matrix = randomSoftmaxAttention(40, 40, 7);
    expect(matrix.every((entry) => entry > 0 && entry < 1)).toBe(true);
    expect(sums(matrix, 40, 40).rowError).toBeLessThan(1e-12);
  });

  it('has σ₁ between √(rows/cols) (P·1 = 1) and √(largest column sum) (‖P‖₂² ≤ ‖P‖₁‖P‖∞), and a long tail', () => {
    for (const [rows, cols] of [
      [64, 64],
      [64, 16],
    ]) {
      const seed = 11;
      const matrix = randomSoftmaxAttention(rows, cols, seed);
      const sigma = singularValues(matrix, rows, cols);
      const lower = Math.sqrt(rows / cols);
      expect(sigma[0]).toBeGreaterThanOrEqual(lower * (1 - 1e-12));
      expect(sigma[0]).toBeLessThanOrEqual(Math.sqrt(sums(matrix, rows, cols).maxColumn) * (1 + 1e-12));
      // σ₁ stands out, yet the rest of the mass is spread over many values: no low rank beyond the row sums.
      expect(sigma[1]).toBeLessThan(0.6 * sigma[0]);
      const curve = normalizedCumulative(sigma);
      expect(curve[0]).toBeLessThan(0.3);
      expect(curve[Math.floor(cols / 4) - 1]).toBeLessThan(0.7);
      expect(effectiveRank(sigma)).toBeGreaterThan(cols / 2);
    }
    // Square: σ₁ ≈ 1 (its lower bound, 1, plus a little from the noise in the column sums).
    const square = randomSoftmaxSpectra(128, 128, { draws: 2 });
    for (const sigma of square) expect(sigma[0]).toBeGreaterThan(1 - 1e-12);
    for (const sigma of square) expect(sigma[0]).toBeLessThan(1.05);
  });

  it('averages its draws with the head summaries’ cumulative share, and repeats for the same seed', () => {
    const first = referenceCurves(32, 32, { seed: 5 });
    const again = referenceCurves(32, 32, { seed: 5 });
    const other = referenceCurves(32, 32, { seed: 6 });
    expect(first.draws).toBe(REFERENCE_DRAWS);
    expect(Array.from(again.randomSoftmax)).toEqual(Array.from(first.randomSoftmax));
    expect(Array.from(other.randomSoftmax)).not.toEqual(Array.from(first.randomSoftmax));
    expect(Array.from(first.randomSoftmax)).toEqual(Array.from(meanCumulativeCurve(randomSoftmaxSpectra(32, 32, { seed: 5 }))));
    // A curve: rising, ending at exactly 1, well below uniform attention's.
    expect(first.randomSoftmax).toHaveLength(32);
    for (let j = 1; j < 32; j++) expect(first.randomSoftmax[j]).toBeGreaterThanOrEqual(first.randomSoftmax[j - 1]);
    expect(first.randomSoftmax[31]).toBe(1);
    expect(first.randomSoftmax[0]).toBeLessThan(0.5);
  });

  it('keeps to Linformer’s n × k shape', () => {
    const { randomSoftmax, uniform } = referenceCurves(64, 8, { draws: 2 });
    expect(randomSoftmax).toHaveLength(8);
    expect(uniform).toHaveLength(8);
  });

  it('uses fewer draws only for large matrices, and refuses bad sizes', () => {
    expect(referenceDraws(128, 128)).toBe(REFERENCE_DRAWS);
    expect(referenceDraws(256, 256)).toBe(REFERENCE_DRAWS);
    expect(referenceDraws(1024, 64)).toBe(REFERENCE_DRAWS);
    expect(referenceDraws(512, 512)).toBe(1);
    expect(referenceDraws(2048, 128)).toBe(1);
    // Too much work for the page: none.
    expect(referenceDraws(1024, 1024)).toBe(0);
    expect(referenceDraws(8192, 256)).toBe(0);
    expect(() => referenceCurves(0, 4)).toThrow(/sizes/);
    expect(() => randomSoftmaxSpectra(4, 4, { draws: 0 })).toThrow(/draws/);
  });
});
