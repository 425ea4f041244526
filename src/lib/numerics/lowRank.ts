/**
 * Best rank-r approximations from a full SVD (jacobiSvd.ts): the matrix P_r = Σ_{t≤r} σₜ·uₜ·vₜᵀ itself (or a
 * block of it, for a view that shows only part of a large matrix), and its relative Frobenius error for every r
 * at once. By Eckart–Young, P_r is the best approximation of rank ≤ r in the Frobenius norm, and
 * ‖P − P_r‖_F² / ‖P‖_F² = Σ_{t>r} σₜ² / Σ σₜ², so the errors need the singular values only.
 */

import type { SingularValueDecomposition } from './jacobiSvd';
import { assertSpectrum } from './spectrumMetrics';

/**
 * err[r] = ‖P − P_r‖_F / ‖P‖_F for r = 0..p (length p + 1): err[0] = 1, err[p] = 0, non-increasing. The tails
 * are summed from the smallest value up (never as 1 − head), in squares of σₜ/σ₁, so small errors keep their
 * digits and nothing overflows. The zero matrix gives all zeros: it is represented exactly at every rank.
 */
export function rankErrors(sigma: Float64Array): Float64Array {
  assertSpectrum(sigma);
  const p = sigma.length;
  const errors = new Float64Array(p + 1);
  if (p === 0 || sigma[0] === 0) return errors;
  const tails = new Float64Array(p + 1);
  for (let t = p - 1; t >= 0; t--) tails[t] = tails[t + 1] + (sigma[t] / sigma[0]) ** 2;
  for (let r = 0; r <= p; r++) errors[r] = Math.sqrt(tails[r] / tails[0]);
  return errors;
}

/** Which part of the rows × cols matrix to form: rows [rowStart, rowStart + rowCount), likewise columns. */
export interface MatrixBlock {
  rowStart: number;
  rowCount: number;
  colStart: number;
  colCount: number;
}

/**
 * The best rank-r approximation P_r (r = 0..p) of the decomposed matrix, row-major: the whole matrix, or only
 * `block` of it (rowCount × colCount). O(r · entries formed).
 */
export function lowRankApproximation(svd: SingularValueDecomposition, r: number, block?: MatrixBlock): Float64Array {
  const { rows, cols, size: p, u, sigma, v } = svd;
  if (!Number.isInteger(r) || r < 0 || r > p) throw new Error(`The rank r must be a whole number from 0 to ${p} (got ${r}).`);
  const { rowStart, rowCount, colStart, colCount } = block ?? { rowStart: 0, rowCount: rows, colStart: 0, colCount: cols };
  const fits = (start: number, count: number, size: number) =>
    Number.isInteger(start) && Number.isInteger(count) && start >= 0 && count >= 0 && start + count <= size;
  if (!fits(rowStart, rowCount, rows) || !fits(colStart, colCount, cols)) {
    throw new Error(`The block ${rowCount}×${colCount} at (${rowStart}, ${colStart}) does not fit in a ${rows}×${cols} matrix.`);
  }
  const out = new Float64Array(rowCount * colCount);
  // Row i of P_r is Σₜ (σₜ·u_it)·vₜᵀ: scale u's row once, then one multiply-add per entry and rank.
  const scaled = new Float64Array(r);
  for (let i = 0; i < rowCount; i++) {
    const uRow = (rowStart + i) * p;
    for (let t = 0; t < r; t++) scaled[t] = sigma[t] * u[uRow + t];
    for (let j = 0; j < colCount; j++) {
      const vRow = (colStart + j) * p;
      let sum = 0;
      for (let t = 0; t < r; t++) sum += scaled[t] * v[vRow + t];
      out[i * colCount + j] = sum;
    }
  }
  return out;
}

/** ‖a − b‖_F / ‖a‖_F for two matrices of the same length (0 when both are zero, Infinity when only a is). */
export function relativeFrobeniusError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`The matrices differ in size: ${a.length} and ${b.length} entries.`);
  let difference = 0;
  let reference = 0;
  for (let i = 0; i < a.length; i++) {
    difference += (a[i] - b[i]) ** 2;
    reference += a[i] * a[i];
  }
  if (reference === 0) return difference === 0 ? 0 : Infinity;
  return Math.sqrt(difference / reference);
}
