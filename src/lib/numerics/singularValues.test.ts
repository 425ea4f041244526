import { describe, expect, it } from 'vitest';
import { createRng } from '../random';
import { singularValues } from './singularValues';
import {
  absDeterminant,
  frobeniusSquared,
  matrixWithSingularValues,
  maxAbsDifference,
  softmaxRows,
  sortedMagnitudes,
  transpose,
} from './testMatrices';

/** The accuracy contract: absolute error at most 1e-6·σ₁ on every value. */
function expectSpectrum(actual: Float64Array, expected: ArrayLike<number>, relativeTolerance = 1e-6) {
  expect(actual.length).toBe(expected.length);
  const sigma1 = Math.max(...Array.from(expected, Math.abs));
  expect(maxAbsDifference(actual, expected)).toBeLessThanOrEqual(relativeTolerance * sigma1);
  for (let i = 1; i < actual.length; i++) expect(actual[i]).toBeLessThanOrEqual(actual[i - 1]);
}

/** A decaying spectrum with distinct values between 1 and 1e-3 times `top`. */
function decaying(count: number, top: number): number[] {
  return Array.from({ length: count }, (_, i) => top * Math.pow(1e-3, i / Math.max(count - 1, 1)));
}

/** Rectangular diagonal matrix with `d` on its diagonal. */
function diagonalMatrix(rows: number, cols: number, d: number[]): Float64Array {
  const a = new Float64Array(rows * cols);
  d.forEach((value, i) => (a[i * cols + i] = value));
  return a;
}

describe('singularValues on matrices of known spectrum', () => {
  it('returns the sorted magnitudes of a diagonal with unsorted, negative and zero entries', () => {
    const d = [3, -7, 0, 1e-3, -2];
    expectSpectrum(singularValues(diagonalMatrix(5, 7, d), 5, 7), sortedMagnitudes(d), 1e-14);
    expectSpectrum(singularValues(diagonalMatrix(7, 5, d), 7, 5), sortedMagnitudes(d), 1e-14);
  });

  it.each([
    ['square', 30, 30],
    ['tall', 40, 13],
    ['wide', 13, 40],
    ['odd square', 33, 33],
  ])('recovers U·diag(s)·Vᵀ for a %s %i×%i matrix', (_, rows, cols) => {
    const rng = createRng(rows * 100 + cols);
    const s = decaying(Math.min(rows, cols), 5);
    const { a } = matrixWithSingularValues(rows, cols, s, rng);
    expectSpectrum(singularValues(a, rows, cols), s);
  });

  it('finds exact zeros of a rank-3 30×30 matrix below 1e-6·σ₁', () => {
    const s = [4, 2.5, 0.7];
    const { a } = matrixWithSingularValues(30, 30, s, createRng(7));
    const sigma = singularValues(a, 30, 30);
    expectSpectrum(sigma, [...s, ...new Array(27).fill(0)]);
    for (let i = 3; i < 30; i++) expect(sigma[i]).toBeLessThan(1e-6 * 4);
  });

  it('keeps absolute accuracy across nine decades (σ from 1 down to 1e-9)', () => {
    const s = Array.from({ length: 24 }, (_, i) => Math.pow(10, (-9 * i) / 23));
    const { a } = matrixWithSingularValues(24, 24, s, createRng(11));
    const sigma = singularValues(a, 24, 24);
    expectSpectrum(sigma, s);
    // The leading values are found to near machine precision, relative.
    expect(Math.abs(sigma[0] - 1)).toBeLessThan(1e-12);
  });

  it('is unaffected by the overall magnitude of the matrix (no overflow or underflow)', () => {
    const s = [3, 1, 0.25];
    const { a } = matrixWithSingularValues(6, 4, s, createRng(5));
    for (const factor of [1e200, 1e-200]) {
      const scaled = a.map((x) => x * factor);
      expectSpectrum(singularValues(scaled, 6, 4), [3 * factor, factor, 0.25 * factor, 0]);
    }
  });

  it('recovers a full 128×128 spectrum', () => {
    const s = decaying(128, 2);
    const { a } = matrixWithSingularValues(128, 128, s, createRng(128));
    expectSpectrum(singularValues(a, 128, 128), s);
  });

  it('recovers a rank-8 256×256 matrix with 248 zero singular values', () => {
    const s = [9, 7, 5, 3, 2, 1, 0.5, 0.1];
    const { a } = matrixWithSingularValues(256, 256, s, createRng(256));
    expectSpectrum(singularValues(a, 256, 256), [...s, ...new Array(248).fill(0)]);
  });
});

describe('singularValues on degenerate shapes', () => {
  it('gives zeros for the zero matrix', () => {
    expect(Array.from(singularValues(new Float64Array(15), 3, 5))).toEqual([0, 0, 0]);
  });

  it('gives |a| for a 1×1 matrix', () => {
    expect(Array.from(singularValues(Float64Array.of(-4.5), 1, 1))).toEqual([4.5]);
  });

  it('gives the Euclidean norm for a row and a column vector', () => {
    const x = Float64Array.of(1, -2, 2, 4);
    expectSpectrum(singularValues(x, 1, 4), [5], 1e-15);
    expectSpectrum(singularValues(x, 4, 1), [5], 1e-15);
  });

  it('handles every small size, including odd ones and 2×2', () => {
    // 2×2 [[a, b], [c, d]]: σ₁σ₂ = |ad − bc| and σ₁² + σ₂² = a² + b² + c² + d² determine both values.
    const [a, b, c, d] = [2, -1, 0.5, 3];
    const product = Math.abs(a * d - b * c);
    const sumSquares = a * a + b * b + c * c + d * d;
    const gap = Math.sqrt(sumSquares * sumSquares - 4 * product * product);
    const expected = [Math.sqrt((sumSquares + gap) / 2), Math.sqrt((sumSquares - gap) / 2)];
    expectSpectrum(singularValues(Float64Array.of(a, b, c, d), 2, 2), expected, 1e-14);
    for (let n = 1; n <= 9; n++) {
      const s = decaying(n, 1);
      const { a: m } = matrixWithSingularValues(n, n + 3, s, createRng(n));
      expectSpectrum(singularValues(m, n, n + 3), s);
    }
  });
});

describe('singularValues invariants', () => {
  it('accepts Float32Array input and treats it as the float64 matrix it represents', () => {
    const s = decaying(12, 1);
    const { a } = matrixWithSingularValues(12, 20, s, createRng(32));
    const single = Float32Array.from(a);
    const fromSingle = singularValues(single, 12, 20);
    expect(Array.from(fromSingle)).toEqual(Array.from(singularValues(Float64Array.from(single), 12, 20)));
    // Rounding to float32 moves each σ by at most ‖A − fl(A)‖_F ≤ 2⁻²⁴‖A‖_F.
    expectSpectrum(fromSingle, s);
  });

  it('is invariant under transposition', () => {
    const rng = createRng(17);
    const a = Float64Array.from({ length: 17 * 29 }, () => rng.normal());
    const sigma = singularValues(a, 17, 29);
    expect(maxAbsDifference(singularValues(transpose(a, 17, 29), 29, 17), sigma)).toBeLessThan(1e-12 * sigma[0]);
  });

  it('matches ‖P‖_F² = Σσ² and σ₁ ≥ 1 on a row-stochastic softmax matrix', () => {
    const p = softmaxRows(64, 64, 3, createRng(64));
    const sigma = singularValues(p, 64, 64);
    const sumSquares = sigma.reduce((sum, x) => sum + x * x, 0);
    expect(Math.abs(sumSquares - frobeniusSquared(p))).toBeLessThan(1e-12 * frobeniusSquared(p));
    // P·1 = 1, so ‖P‖₂ ≥ ‖P·1‖/‖1‖ = 1.
    expect(sigma[0]).toBeGreaterThanOrEqual(1 - 1e-12);
  });

  it('matches |det P| = Πσ on a small square softmax matrix', () => {
    const p = softmaxRows(6, 6, 1.5, createRng(6));
    const sigma = singularValues(p, 6, 6);
    const product = sigma.reduce((acc, x) => acc * x, 1);
    const det = absDeterminant(p, 6);
    // Πσ is checked in absolute terms, since each σ carries an absolute error of order 1e-8·σ₁.
    expect(det).toBeGreaterThan(1e-6);
    expect(Math.abs(product - det)).toBeLessThan(1e-7 * det + 1e-12);
  });
});

describe('singularValues argument checks', () => {
  it('rejects a length that is not rows·cols', () => {
    expect(() => singularValues(new Float64Array(5), 2, 3)).toThrow(/needs 6 entries.*has 5/);
  });

  it('rejects sizes that are not positive whole numbers', () => {
    expect(() => singularValues(new Float64Array(0), 0, 3)).toThrow(/rows must be a positive whole number/);
    expect(() => singularValues(new Float64Array(3), 3, -1)).toThrow(/cols must be a positive whole number/);
    expect(() => singularValues(new Float64Array(5), 2.5, 2)).toThrow(/rows must be a positive whole number/);
  });

  it('rejects non-finite entries', () => {
    expect(() => singularValues(Float64Array.of(1, NaN, 0, 1), 2, 2)).toThrow(/non-finite entry \(NaN\) at flat index 1/);
    expect(() => singularValues(Float32Array.of(Infinity), 1, 1)).toThrow(/non-finite/);
  });
});
