/**
 * All eigenvalues of a real symmetric matrix: Householder tridiagonalization, then implicit QR on the
 * tridiagonal matrix. Values only; no eigenvectors are formed.
 */

import { assertSquareMatrix, type RealArray } from './matrixArguments';
import { tridiagonalEigenvalues } from './tridiagonalEigenvalues';
import { tridiagonalizeUpper } from './tridiagonalize';

/**
 * The eigenvalues, in descending order, of the symmetric n×n row-major matrix `a`. A matrix that is
 * only nearly symmetric (a Gram product summed in float32 on a GPU, say) is treated as its symmetric
 * part (A + Aᵀ)/2, so the order in which its two triangles were rounded does not matter.
 */
export function symmetricEigenvalues(a: RealArray, n: number): Float64Array {
  assertSquareMatrix(a, n);
  let scale = 0;
  for (let i = 0; i < a.length; i++) scale = Math.max(scale, Math.abs(a[i]));
  if (scale === 0) return new Float64Array(n);
  // Work on A / max|a_ij| so that no intermediate sum of squares can overflow or underflow.
  const work = new Float64Array(n * n);
  const half = 0.5 / scale;
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) work[i * n + j] = (a[i * n + j] + a[j * n + i]) * half;
  }
  const values = eigenvaluesOfUpperTriangle(work, n);
  for (let i = 0; i < n; i++) values[i] *= scale;
  return sortDescending(values);
}

/**
 * Eigenvalues (unordered) of the symmetric matrix whose upper triangle is in `work`, which is
 * overwritten. For callers that already hold a well-scaled upper triangle, such as a Gram product.
 */
export function eigenvaluesOfUpperTriangle(work: Float64Array, n: number): Float64Array {
  return tridiagonalEigenvalues(tridiagonalizeUpper(work, n));
}

/** Sorts in place (typed-array sort is numeric, ascending) and reverses; returns the same array. */
export function sortDescending(values: Float64Array): Float64Array {
  return values.sort().reverse();
}
