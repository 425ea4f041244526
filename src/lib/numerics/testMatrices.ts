/**
 * Test support only (imported by the *.test.ts files beside it): matrices whose singular values are
 * known by construction, A = U·diag(s)·Vᵀ with orthonormal U and V, built without any code from the
 * module under test, plus small reference computations (determinant, Frobenius norm).
 */

import type { Rng } from '../random';

/**
 * A rows×k row-major matrix with orthonormal columns (k ≤ rows): classical Gram–Schmidt on seeded
 * normal vectors, run twice per column ("twice is enough"), so the columns are orthonormal to ~1e-15.
 */
export function orthonormalColumns(rows: number, k: number, rng: Rng): Float64Array {
  if (k > rows) throw new Error(`Cannot fit ${k} orthonormal columns in ${rows} dimensions.`);
  const columns: Float64Array[] = [];
  for (let c = 0; c < k; c++) {
    const x = new Float64Array(rows);
    for (let i = 0; i < rows; i++) x[i] = rng.normal();
    for (let pass = 0; pass < 2; pass++) {
      for (const q of columns) {
        let projection = 0;
        for (let i = 0; i < rows; i++) projection += q[i] * x[i];
        for (let i = 0; i < rows; i++) x[i] -= projection * q[i];
      }
    }
    let norm = 0;
    for (let i = 0; i < rows; i++) norm += x[i] * x[i];
    norm = Math.sqrt(norm);
    for (let i = 0; i < rows; i++) x[i] /= norm;
    columns.push(x);
  }
  const result = new Float64Array(rows * k);
  for (let c = 0; c < k; c++) for (let i = 0; i < rows; i++) result[i * k + c] = columns[c][i];
  return result;
}

/** U·diag(s)·Vᵀ for U = rows×r and V = cols×r with orthonormal columns (r = s.length). */
export function composeFromFactors(u: Float64Array, s: ArrayLike<number>, v: Float64Array, rows: number, cols: number): Float64Array {
  const r = s.length;
  const a = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      let sum = 0;
      for (let t = 0; t < r; t++) sum += u[i * r + t] * s[t] * v[j * r + t];
      a[i * cols + j] = sum;
    }
  }
  return a;
}

/**
 * A rows×cols matrix with the given singular values s (length ≤ min(rows, cols); the rest are zero),
 * in the order given. Also returns the factors, for tests that need the truncated matrices.
 */
export function matrixWithSingularValues(rows: number, cols: number, s: ArrayLike<number>, rng: Rng) {
  const u = orthonormalColumns(rows, s.length, rng);
  const v = orthonormalColumns(cols, s.length, rng);
  return { a: composeFromFactors(u, s, v, rows, cols), u, v };
}

/** The transpose of a row-major rows×cols matrix. */
export function transpose(a: ArrayLike<number>, rows: number, cols: number): Float64Array {
  const t = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) t[j * rows + i] = a[i * cols + j];
  return t;
}

/** Row-wise softmax of seeded normal logits times `temperature`: a row-stochastic, attention-like P. */
export function softmaxRows(rows: number, cols: number, temperature: number, rng: Rng): Float64Array {
  const p = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    let max = -Infinity;
    for (let j = 0; j < cols; j++) {
      const logit = temperature * rng.normal();
      p[i * cols + j] = logit;
      max = Math.max(max, logit);
    }
    let sum = 0;
    for (let j = 0; j < cols; j++) {
      const e = Math.exp(p[i * cols + j] - max);
      p[i * cols + j] = e;
      sum += e;
    }
    for (let j = 0; j < cols; j++) p[i * cols + j] /= sum;
  }
  return p;
}

/** |det A| by Gaussian elimination with partial pivoting. */
export function absDeterminant(a: ArrayLike<number>, n: number): number {
  const m = Float64Array.from(a);
  let det = 1;
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r * n + c]) > Math.abs(m[pivot * n + c])) pivot = r;
    if (m[pivot * n + c] === 0) return 0;
    if (pivot !== c) {
      for (let j = 0; j < n; j++) [m[c * n + j], m[pivot * n + j]] = [m[pivot * n + j], m[c * n + j]];
    }
    const diagonal = m[c * n + c];
    det *= diagonal;
    for (let r = c + 1; r < n; r++) {
      const factor = m[r * n + c] / diagonal;
      for (let j = c; j < n; j++) m[r * n + j] -= factor * m[c * n + j];
    }
  }
  return Math.abs(det);
}

/** Σ a_ij². */
export function frobeniusSquared(a: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i] * a[i];
  return sum;
}

/** max_i |x_i − y_i|; throws when the lengths differ. */
export function maxAbsDifference(x: ArrayLike<number>, y: ArrayLike<number>): number {
  if (x.length !== y.length) throw new Error(`Lengths differ: ${x.length} vs ${y.length}.`);
  let worst = 0;
  for (let i = 0; i < x.length; i++) worst = Math.max(worst, Math.abs(x[i] - y[i]));
  return worst;
}

/** The values sorted by decreasing magnitude, as absolute values: the singular values of diag(d). */
export function sortedMagnitudes(d: ArrayLike<number>): number[] {
  return Array.from(d, Math.abs).sort((p, q) => q - p);
}
