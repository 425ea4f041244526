/**
 * Householder reduction of a real symmetric matrix to tridiagonal form T = Qᵀ·A·Q, keeping only T (the
 * eigenvalues are all we need, so Q is never formed).
 *
 * Column c is reduced by a reflector H = I − τ·v·vᵀ acting on indices > c, and the trailing block is
 * replaced by H·A·H = A − v·wᵀ − w·vᵀ with p = τ·A·v and w = p − (τ/2)(vᵀp)·v. The two costly parts of
 * each step, the rank-2 update and the next product A·v, each sweep the whole trailing block; here they
 * share one sweep: each entry is updated and at once used for the next product, so the block crosses
 * the memory bus once per step instead of twice. Only the upper triangle is stored and touched, which
 * halves the arithmetic and makes every access contiguous: the part of column c below the diagonal,
 * from which the reflector is built, is the part of row c right of the diagonal. (With the lower
 * triangle it would be a strided walk down a column, one cache line and often one page per entry.)
 */

export interface Tridiagonal {
  /** T's diagonal, length n. */
  diagonal: Float64Array;
  /** T's first sub-diagonal, length n − 1 (entry i couples i and i + 1; its sign does not matter). */
  offDiagonal: Float64Array;
}

/**
 * Tridiagonalizes the symmetric n×n row-major matrix whose upper triangle (j ≥ i) is in `work`. The
 * lower triangle is never read. `work` is used as scratch and overwritten.
 */
export function tridiagonalizeUpper(work: Float64Array, n: number): Tridiagonal {
  const diagonal = new Float64Array(n);
  const offDiagonal = new Float64Array(Math.max(n - 1, 0));
  // The pending update A ← A − v·wᵀ − w·vᵀ of the trailing block (τ = 0: nothing pending).
  let v = new Float64Array(n);
  let tau = 0;
  const w = new Float64Array(n);
  // The reflector being built for the current column, and the product A'·nextV accumulated for it.
  let nextV = new Float64Array(n);
  const product = new Float64Array(n);

  for (let column = 0; column + 1 < n; column++) {
    const start = column + 1;
    if (tau !== 0) {
      // Bring this row up to date first: the next reflector is built from it.
      const row = column * n;
      const vc = v[column];
      const wc = w[column];
      for (let j = column; j < n; j++) work[row + j] -= vc * w[j] + wc * v[j];
    }
    diagonal[column] = work[column * n + column];
    const nextTau = buildReflector(work, n, column, nextV, offDiagonal);

    product.fill(0, start, n);
    updateAndMultiply(work, n, start, v, w, nextV, product);

    // w for the new reflector (zero when there is nothing to apply, which makes the next sweep a no-op).
    if (nextTau === 0) {
      w.fill(0, start, n);
    } else {
      let vp = 0;
      for (let i = start; i < n; i++) {
        product[i] *= nextTau;
        vp += nextV[i] * product[i];
      }
      const half = 0.5 * nextTau * vp;
      for (let i = start; i < n; i++) w[i] = product[i] - half * nextV[i];
    }
    const used = v;
    v = nextV;
    nextV = used;
    tau = nextTau;
  }
  diagonal[n - 1] = work[(n - 1) * n + (n - 1)];
  return { diagonal, offDiagonal };
}

/**
 * Builds the reflector that maps x = A[column, column+1..] (= the column below the diagonal) onto
 * β·e₁, writes β into offDiagonal[column] and v (with v[column+1] = 1) into `v`, and returns τ. Returns τ = 0 with v = 0
 * when x is already a multiple of e₁ (including x = 0 and the one-entry column).
 */
function buildReflector(work: Float64Array, n: number, column: number, v: Float64Array, offDiagonal: Float64Array): number {
  const start = column + 1;
  const row = column * n;
  // Work with x / max|x_i| so the sum of squares neither overflows nor underflows.
  let largest = 0;
  for (let i = start; i < n; i++) largest = Math.max(largest, Math.abs(work[row + i]));
  const alpha = work[row + start];
  let tailSquares = 0;
  if (largest > 0) {
    for (let i = start + 1; i < n; i++) {
      const ratio = work[row + i] / largest;
      tailSquares += ratio * ratio;
    }
  }
  if (tailSquares === 0) {
    offDiagonal[column] = alpha;
    v.fill(0, start, n);
    return 0;
  }
  const scaledAlpha = alpha / largest;
  const norm = Math.sqrt(scaledAlpha * scaledAlpha + tailSquares);
  // β takes the sign opposite to α so that α − β adds magnitudes and never cancels.
  const scaledBeta = scaledAlpha >= 0 ? -norm : norm;
  const divisor = (scaledAlpha - scaledBeta) * largest;
  v[start] = 1;
  for (let i = start + 1; i < n; i++) v[i] = work[row + i] / divisor;
  offDiagonal[column] = scaledBeta * largest;
  return (scaledBeta - scaledAlpha) / scaledBeta;
}

/**
 * One sweep over the upper triangle of the block with rows and columns ≥ start: applies
 * A ← A − v·wᵀ − w·vᵀ and adds A·u (with the updated A) into `product`. Each off-diagonal entry a_ij
 * stands for both a_ij and a_ji, so it contributes to product[i] and product[j]. Rows go in pairs, so
 * v[j], w[j], u[j] and product[j] are loaded once for two entries (about 1.3× faster than row by row).
 */
function updateAndMultiply(
  work: Float64Array,
  n: number,
  start: number,
  v: Float64Array,
  w: Float64Array,
  u: Float64Array,
  product: Float64Array,
): void {
  let i = start;
  for (; i + 1 < n; i += 2) {
    const row0 = i * n;
    const row1 = row0 + n;
    const v0 = v[i];
    const w0 = w[i];
    const u0 = u[i];
    const v1 = v[i + 1];
    const w1 = w[i + 1];
    const u1 = u[i + 1];
    // The 2×2 diagonal block of the pair: (i, i), (i, i + 1) and (i + 1, i + 1).
    const d0 = work[row0 + i] - 2 * v0 * w0;
    const between = work[row0 + i + 1] - v0 * w1 - w0 * v1;
    const d1 = work[row1 + i + 1] - 2 * v1 * w1;
    work[row0 + i] = d0;
    work[row0 + i + 1] = between;
    work[row1 + i + 1] = d1;
    let sum0 = d0 * u0 + between * u1;
    let sum1 = between * u0 + d1 * u1;
    for (let j = i + 2; j < n; j++) {
      const vj = v[j];
      const wj = w[j];
      const uj = u[j];
      const a0 = work[row0 + j] - v0 * wj - w0 * vj;
      const a1 = work[row1 + j] - v1 * wj - w1 * vj;
      work[row0 + j] = a0;
      work[row1 + j] = a1;
      sum0 += a0 * uj;
      sum1 += a1 * uj;
      product[j] += a0 * u0 + a1 * u1;
    }
    product[i] += sum0;
    product[i + 1] += sum1;
  }
  if (i < n) {
    // An odd block leaves the last row, which holds only its diagonal entry.
    const entry = work[i * n + i] - 2 * v[i] * w[i];
    work[i * n + i] = entry;
    product[i] += entry * u[i];
  }
}
