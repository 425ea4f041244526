import { describe, expect, it } from 'vitest';
import { createRng } from '../random';
import { gramMatrix, singularValuesFromGram, symmetricEigenvalues } from './singularValues';
import { composeFromFactors, matrixWithSingularValues, maxAbsDifference, orthonormalColumns } from './testMatrices';

/** Q·diag(λ)·Qᵀ for a seeded orthogonal Q: a symmetric matrix with eigenvalues λ. */
function symmetricWithEigenvalues(lambda: number[], seed: number): Float64Array {
  const n = lambda.length;
  const q = orthonormalColumns(n, n, createRng(seed));
  return composeFromFactors(q, lambda, q, n, n);
}

const descending = (values: number[]) => [...values].sort((p, q) => q - p);

describe('symmetricEigenvalues', () => {
  it('matches the closed form 2 − 2cos(kπ/(n+1)) of the second-difference matrix', () => {
    const n = 40;
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      a[i * n + i] = 2;
      if (i + 1 < n) a[i * n + i + 1] = a[(i + 1) * n + i] = -1;
    }
    const expected = descending(Array.from({ length: n }, (_, k) => 2 - 2 * Math.cos(((k + 1) * Math.PI) / (n + 1))));
    expect(maxAbsDifference(symmetricEigenvalues(a, n), expected)).toBeLessThan(1e-13);
  });

  it('recovers mixed-sign and repeated eigenvalues of Q·diag(λ)·Qᵀ', () => {
    const lambda = [5, -3, 2, 2, 2, 0, 0, -0.5, 1e-4, -7, 3.25, 1, 1, -1, 0.125];
    const a = symmetricWithEigenvalues(lambda, 15);
    expect(maxAbsDifference(symmetricEigenvalues(a, lambda.length), descending(lambda))).toBeLessThan(1e-12 * 7);
  });

  it('recovers a 60×60 spectrum spread over six decades', () => {
    const lambda = Array.from({ length: 60 }, (_, i) => (i % 2 === 0 ? 1 : -1) * Math.pow(10, (-6 * i) / 59));
    const a = symmetricWithEigenvalues(lambda, 60);
    expect(maxAbsDifference(symmetricEigenvalues(a, 60), descending(lambda))).toBeLessThan(1e-12);
  });

  it('solves 1×1 and 2×2 matrices in closed form', () => {
    expect(Array.from(symmetricEigenvalues(Float64Array.of(-2), 1))).toEqual([-2]);
    // [[a, b], [b, c]]: (a + c)/2 ± √(((a − c)/2)² + b²).
    const [a, b, c] = [1, 3, -2];
    const middle = (a + c) / 2;
    const radius = Math.hypot((a - c) / 2, b);
    expect(maxAbsDifference(symmetricEigenvalues(Float64Array.of(a, b, b, c), 2), [middle + radius, middle - radius])).toBeLessThan(1e-15);
  });

  it('converges on a block of tiny couplings whose squares underflow', () => {
    // [[0, ε], [ε, 0]] has eigenvalues ±ε; with ε = 1e-200, ε² underflows to 0 in float64.
    const tiny = 1e-200;
    const a = Float64Array.of(1, 0, 0, 0, 0, tiny, 0, tiny, 0);
    const values = symmetricEigenvalues(a, 3);
    expect(values[0]).toBe(1);
    expect(Math.abs(values[1] - tiny)).toBeLessThan(1e-12 * tiny);
    expect(Math.abs(values[2] + tiny)).toBeLessThan(1e-12 * tiny);
  });

  it('returns the diagonal, sorted, for a diagonal matrix (nothing to reduce)', () => {
    const d = [0.5, -4, 3, 0, 1];
    const a = new Float64Array(25);
    d.forEach((value, i) => (a[i * 5 + i] = value));
    expect(Array.from(symmetricEigenvalues(a, 5))).toEqual(descending(d));
  });

  it('uses the symmetric part of a slightly asymmetric matrix', () => {
    const lambda = [3, 1, -2, 0.5, 0.25, -1];
    const a = symmetricWithEigenvalues(lambda, 6);
    const rng = createRng(99);
    const skewed = Float64Array.from(a);
    for (let i = 0; i < 6; i++) {
      for (let j = 0; j < i; j++) {
        const noise = 1e-3 * rng.normal();
        skewed[i * 6 + j] += noise;
        skewed[j * 6 + i] -= noise;
      }
    }
    expect(maxAbsDifference(symmetricEigenvalues(skewed, 6), descending(lambda))).toBeLessThan(1e-13);
  });

  it('rejects a matrix of the wrong length', () => {
    expect(() => symmetricEigenvalues(new Float64Array(8), 3)).toThrow(/needs 9 entries.*has 8/);
    expect(() => symmetricEigenvalues(new Float64Array(0), 0)).toThrow(/n must be a positive whole number/);
  });
});

describe('gramMatrix', () => {
  /** A·Aᵀ or Aᵀ·A by the definition, with a triple loop. */
  function referenceGram(a: Float64Array, rows: number, cols: number): Float64Array {
    const wide = rows <= cols;
    const n = wide ? rows : cols;
    const inner = wide ? cols : rows;
    const at = (i: number, k: number) => (wide ? a[i * cols + k] : a[k * cols + i]);
    const g = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) for (let k = 0; k < inner; k++) g[i * n + j] += at(i, k) * at(j, k);
    return g;
  }

  // Sizes around the 2×4 tiling: n = 1..9 covers every remainder of rows mod 2 and columns mod 4.
  it.each(Array.from({ length: 9 }, (_, i) => i + 1))('equals the definition for n = %i, wide and tall', (n) => {
    const rng = createRng(n);
    const length = n + 5;
    const a = Float64Array.from({ length: n * length }, () => rng.normal());
    expect(maxAbsDifference(gramMatrix(a, n, length), referenceGram(a, n, length))).toBeLessThan(1e-12);
    const tall = Float64Array.from({ length: n * length }, () => rng.normal());
    expect(maxAbsDifference(gramMatrix(tall, length, n), referenceGram(tall, length, n))).toBeLessThan(1e-12);
  });

  it('is exactly symmetric', () => {
    const rng = createRng(3);
    const a = Float64Array.from({ length: 11 * 7 }, () => rng.normal());
    const g = gramMatrix(a, 11, 7);
    for (let i = 0; i < 7; i++) for (let j = 0; j < 7; j++) expect(g[i * 7 + j]).toBe(g[j * 7 + i]);
  });
});

describe('singularValuesFromGram', () => {
  const s = Array.from({ length: 20 }, (_, i) => Math.pow(10, (-6 * i) / 19));

  it('recovers σ from a float64 Gram matrix to 1e-6·σ₁', () => {
    const { a } = matrixWithSingularValues(20, 50, s, createRng(20));
    expect(maxAbsDifference(singularValuesFromGram(gramMatrix(a, 20, 50), 20), s)).toBeLessThan(1e-6);
  });

  it('is as good as Weyl allows from a Gram matrix rounded to float32 (~3e-4·σ₁ at the tail)', () => {
    const { a } = matrixWithSingularValues(20, 50, s, createRng(21));
    const exact = gramMatrix(a, 20, 50);
    const rounded = Float32Array.from(exact);
    const sigma = singularValuesFromGram(rounded, 20);
    // Weyl: each eigenvalue of G + E is within ‖E‖₂ ≤ ‖E‖_F of the matching eigenvalue of G (= σᵢ²).
    let roundingNorm = 0;
    for (let i = 0; i < exact.length; i++) roundingNorm += (rounded[i] - exact[i]) ** 2;
    roundingNorm = Math.sqrt(roundingNorm);
    for (let i = 0; i < 20; i++) expect(Math.abs(sigma[i] ** 2 - s[i] ** 2)).toBeLessThanOrEqual(roundingNorm + 1e-14);
    // In σ that is √‖E‖ ≈ 3e-4·σ₁ at worst for the tail, and ~1e-7 relative for the leading value.
    expect(maxAbsDifference(sigma, s)).toBeLessThan(5e-4);
    expect(Math.abs(sigma[0] - 1)).toBeLessThan(1e-6);
  });
});
