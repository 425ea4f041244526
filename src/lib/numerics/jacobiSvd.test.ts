import { describe, expect, it } from 'vitest';
import { createRng } from '../random';
import { jacobiSvd, type SingularValueDecomposition } from './jacobiSvd';
import { singularValues } from './singularValues';
import { composeFromFactors, matrixWithSingularValues, maxAbsDifference, softmaxRows, transpose } from './testMatrices';

/** max |XᵀX − I| over the n × p row-major matrix X: how far its columns are from orthonormal. */
function orthonormalityError(x: Float64Array, n: number, p: number): number {
  let worst = 0;
  for (let a = 0; a < p; a++) {
    for (let b = a; b < p; b++) {
      let sum = 0;
      for (let i = 0; i < n; i++) sum += x[i * p + a] * x[i * p + b];
      worst = Math.max(worst, Math.abs(sum - (a === b ? 1 : 0)));
    }
  }
  return worst;
}

/** U·diag(σ)·Vᵀ from the decomposition (built by the test helper, independently of the code under test). */
function reconstruct({ u, sigma, v, rows, cols }: SingularValueDecomposition): Float64Array {
  return composeFromFactors(u, sigma, v, rows, cols);
}

/** The decomposition's contract on `a`: orthonormal factors, σ descending, A recovered to `tolerance`·max|a|. */
function expectDecomposes(a: ArrayLike<number>, rows: number, cols: number, svd: SingularValueDecomposition, tolerance = 1e-12) {
  const p = Math.min(rows, cols);
  expect(svd.size).toBe(p);
  expect(svd.u).toHaveLength(rows * p);
  expect(svd.v).toHaveLength(cols * p);
  for (let t = 1; t < p; t++) expect(svd.sigma[t]).toBeLessThanOrEqual(svd.sigma[t - 1]);
  expect(svd.sigma[p - 1]).toBeGreaterThanOrEqual(0);
  expect(orthonormalityError(svd.u, rows, p)).toBeLessThan(1e-12);
  expect(orthonormalityError(svd.v, cols, p)).toBeLessThan(1e-12);
  const scale = Math.max(...Array.from(a, Math.abs));
  expect(maxAbsDifference(reconstruct(svd), a)).toBeLessThanOrEqual(tolerance * Math.max(scale, Number.MIN_VALUE));
}

const decaying = (count: number, top: number) =>
  Array.from({ length: count }, (_, i) => top * Math.pow(1e-3, i / Math.max(count - 1, 1)));

describe('jacobiSvd on matrices of known spectrum U·diag(σ)·Vᵀ (random orthogonal U, V)', () => {
  it.each([
    ['square', 30, 30],
    ['tall', 40, 13],
    ['wide', 13, 40],
    ['odd square', 33, 33],
  ])('recovers σ, orthonormal vectors and A itself for a %s %i×%i matrix', (_, rows, cols) => {
    const s = decaying(Math.min(rows, cols), 5);
    const { a } = matrixWithSingularValues(rows, cols, s, createRng(rows * 7 + cols));
    const svd = jacobiSvd(a, rows, cols);
    expectDecomposes(a, rows, cols, svd);
    // One-sided Jacobi is accurate relative to each value, also the smallest (5e-3 here).
    s.forEach((value, t) => expect(Math.abs(svd.sigma[t] - value)).toBeLessThan(1e-12 * value));
  });

  it('finds the singular vectors themselves (up to sign) when the values are distinct', () => {
    const s = [4, 2, 1, 0.5];
    const { a, u, v } = matrixWithSingularValues(9, 6, s, createRng(3));
    const svd = jacobiSvd(a, 9, 6);
    for (let t = 0; t < s.length; t++) {
      let uDot = 0;
      let vDot = 0;
      for (let i = 0; i < 9; i++) uDot += svd.u[i * 6 + t] * u[i * s.length + t];
      for (let j = 0; j < 6; j++) vDot += svd.v[j * 6 + t] * v[j * s.length + t];
      expect(Math.abs(uDot)).toBeCloseTo(1, 12);
      // The signs of uₜ and vₜ flip together, or σₜ·uₜ·vₜᵀ would change.
      expect(Math.sign(uDot)).toBe(Math.sign(vDot));
    }
  });

  it('keeps relative accuracy across nine decades, where the Gram route loses the small values', () => {
    const s = Array.from({ length: 24 }, (_, i) => Math.pow(10, (-9 * i) / 23));
    const { a } = matrixWithSingularValues(24, 24, s, createRng(11));
    const svd = jacobiSvd(a, 24, 24);
    expectDecomposes(a, 24, 24, svd);
    // Limited by how exactly the test matrix itself was formed (~1e-16 absolute), not by the method.
    s.forEach((value, t) => expect(Math.abs(svd.sigma[t] - value)).toBeLessThan(1e-14));
  });

  it('decomposes a 128×128 matrix with a full decaying spectrum', () => {
    const s = decaying(128, 2);
    const { a } = matrixWithSingularValues(128, 128, s, createRng(128));
    expectDecomposes(a, 128, 128, jacobiSvd(a, 128, 128), 1e-11);
  });
});

describe('jacobiSvd on rank-deficient and degenerate matrices', () => {
  it('completes U and V to orthonormal sets where σ = 0 (a rank-3 20×20 matrix)', () => {
    const s = [4, 2.5, 0.7];
    const { a } = matrixWithSingularValues(20, 20, s, createRng(7));
    const svd = jacobiSvd(a, 20, 20);
    expectDecomposes(a, 20, 20, svd);
    for (let t = 3; t < 20; t++) expect(svd.sigma[t]).toBeLessThan(1e-14 * 4);
  });

  it('gives σ = 0 and orthonormal factors for the zero matrix', () => {
    const svd = jacobiSvd(new Float64Array(12), 3, 4);
    expect(Array.from(svd.sigma)).toEqual([0, 0, 0]);
    expect(orthonormalityError(svd.u, 3, 3)).toBeLessThan(1e-15);
    expect(orthonormalityError(svd.v, 4, 3)).toBeLessThan(1e-15);
  });

  it('decomposes uniform attention (every entry 1/n: rank 1) exactly into one triplet', () => {
    const n = 16;
    const a = new Float64Array(n * n).fill(1 / n);
    const svd = jacobiSvd(a, n, n);
    expectDecomposes(a, n, n, svd);
    expect(svd.sigma[0]).toBeCloseTo(1, 14);
    for (let t = 1; t < n; t++) expect(svd.sigma[t]).toBeLessThan(1e-15);
  });

  it('handles 1×1, a row and a column', () => {
    const one = jacobiSvd(Float64Array.of(-4.5), 1, 1);
    expect(one.sigma[0]).toBe(4.5);
    expect(one.u[0] * one.v[0]).toBe(-1);
    const x = Float64Array.of(1, -2, 2, 4);
    for (const [rows, cols] of [[1, 4], [4, 1]]) {
      const svd = jacobiSvd(x, rows, cols);
      expect(svd.sigma[0]).toBeCloseTo(5, 14);
      expectDecomposes(x, rows, cols, svd);
    }
  });

  it('is unaffected by the overall magnitude of the matrix (no overflow or underflow)', () => {
    const { a } = matrixWithSingularValues(6, 4, [3, 1, 0.25], createRng(5));
    for (const factor of [1e200, 1e-200]) {
      const scaled = a.map((x) => x * factor);
      const svd = jacobiSvd(scaled, 6, 4);
      expect(svd.sigma[0] / factor).toBeCloseTo(3, 12);
      expect(svd.sigma[2] / factor).toBeCloseTo(0.25, 12);
      expectDecomposes(scaled, 6, 4, svd);
    }
  });

  it('rejects bad shapes and non-finite entries', () => {
    expect(() => jacobiSvd(new Float64Array(5), 2, 3)).toThrow(/needs 6 entries/);
    expect(() => jacobiSvd(Float64Array.of(1, NaN), 1, 2)).toThrow(/non-finite/);
  });
});

describe('jacobiSvd on attention matrices', () => {
  it('agrees with the Gram-route singular values on a 64×64 softmax matrix, and recovers it', () => {
    const p = softmaxRows(64, 64, 3, createRng(64));
    const svd = jacobiSvd(p, 64, 64);
    expectDecomposes(p, 64, 64, svd);
    // The Gram route is accurate to ~1.5e-8·σ₁ on small values (numerics/README.md).
    expect(maxAbsDifference(svd.sigma, singularValues(p, 64, 64))).toBeLessThan(1e-7 * svd.sigma[0]);
  });

  it('decomposes Linformer-shaped n × k attention and its transpose alike', () => {
    const p = softmaxRows(48, 8, 2, createRng(48));
    const svd = jacobiSvd(p, 48, 8);
    expectDecomposes(p, 48, 8, svd);
    const wide = jacobiSvd(transpose(p, 48, 8), 8, 48);
    expect(maxAbsDifference(wide.sigma, svd.sigma)).toBeLessThan(1e-14);
  });

  it('takes Float32Array input as the float64 matrix it represents', () => {
    const single = Float32Array.from(softmaxRows(20, 20, 2, createRng(20)));
    const fromSingle = jacobiSvd(single, 20, 20);
    expect(Array.from(fromSingle.sigma)).toEqual(Array.from(jacobiSvd(Float64Array.from(single), 20, 20).sigma));
    expectDecomposes(single, 20, 20, fromSingle);
  });
});
