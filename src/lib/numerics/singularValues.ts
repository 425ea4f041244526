/**
 * Singular values of a real matrix by the Gram route: σᵢ(A) = √λᵢ(G), with G the smaller of A·Aᵀ and
 * Aᵀ·A. Forming G and finding its eigenvalues takes about a third of the time of a bidiagonal SVD
 * (Golub–Kahan) in plain JavaScript, which matters when every head of every layer needs a spectrum.
 *
 * Accuracy: squaring A squares its condition number, so the small singular values are found to an
 * absolute, not relative, accuracy: about √ε·σ₁ ≈ 1.5e-8·σ₁ in float64. That is far inside what a plot
 * of an attention spectrum can show (the app asks for 1e-6·σ₁); the large values are accurate to ~ε
 * relative. Rounding can push an eigenvalue of G slightly below zero; those are clamped to σ = 0.
 */

import { eigenvaluesOfUpperTriangle, sortDescending, symmetricEigenvalues } from './symmetricEigenvalues';
import { upperGramOfRows, shortSideRows } from './gramMatrix';
import { assertMatrix, type RealArray } from './matrixArguments';

export { gramMatrix } from './gramMatrix';
export { symmetricEigenvalues } from './symmetricEigenvalues';

/**
 * All min(rows, cols) singular values, in descending order, of the row-major rows×cols matrix `data`.
 * Throws on a length that is not rows·cols, on sizes that are not positive whole numbers, and on
 * non-finite entries.
 */
export function singularValues(data: RealArray, rows: number, cols: number): Float64Array {
  assertMatrix(data, rows, cols);
  // The vectors arrive divided by max|a_ij| (see shortSideRows); multiplying σ by it undoes that.
  const { vectors, n, length, scale } = shortSideRows(data, rows, cols);
  const eigenvalues = eigenvaluesOfUpperTriangle(upperGramOfRows(vectors, n, length), n);
  const sigma = squareRoots(eigenvalues);
  for (let i = 0; i < n; i++) sigma[i] *= scale;
  return sortDescending(sigma);
}

/**
 * Singular values, in descending order, of a matrix whose n×n Gram matrix (A·Aᵀ or Aᵀ·A, row-major)
 * was formed elsewhere, for example on the GPU in float32. The result can only be as accurate as
 * `gram`: a float32 product leaves the values below ~3e-4·σ₁ as rounding noise.
 */
export function singularValuesFromGram(gram: RealArray, n: number): Float64Array {
  return squareRoots(symmetricEigenvalues(gram, n));
}

/** √max(λ, 0) of each eigenvalue, in a new array (same order). */
function squareRoots(eigenvalues: Float64Array): Float64Array {
  const roots = new Float64Array(eigenvalues.length);
  for (let i = 0; i < roots.length; i++) roots[i] = Math.sqrt(Math.max(eigenvalues[i], 0));
  return roots;
}
