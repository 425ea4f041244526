/**
 * The full singular value decomposition A = U·diag(σ)·Vᵀ of a real matrix, with its singular vectors, by the
 * one-sided Jacobi method (Hestenes 1958; Demmel & Veselić 1992). The rest of this module finds singular values
 * only, through the Gram matrix; a best rank-r approximation also needs the vectors, and one matrix at a time
 * (the head view: one head, one sequence) can afford the slower, simpler and more accurate route.
 *
 * Method: rotate pairs of columns of W = A (or Aᵀ when A is wide) until every pair is orthogonal; then
 * W = A·V has orthogonal columns, their norms are σ and their directions U, and V is the product of the
 * rotations. Each rotation zeroes the inner product of its two columns exactly; cyclic sweeps over all pairs
 * converge quadratically, typically in 6–10 sweeps. Working on A itself, never AᵀA, keeps small singular values
 * accurate relative to themselves, not just to σ₁ as the Gram route does.
 *
 * Cost: about 7·p²·m flops per sweep for an m×p problem (p = min(rows, cols)). Measured here (one core of this
 * 2-core machine, Node, softmax matrices as flat as a fresh model's and as peaked as a trained one's): 64×64
 * 20–40 ms, 128×128 0.1–0.2 s, 256×256 ≈ 1 s, 512×512 ≈ 7 s. Fine for one matrix, far too slow for the
 * thousands of a spectrum analysis (which keeps the Gram route).
 */

import { assertMatrix, type RealArray } from './matrixArguments';

export interface SingularValueDecomposition {
  rows: number;
  cols: number;
  /** p = min(rows, cols): the number of singular triplets. */
  size: number;
  /** rows × p, row-major: column t is the t-th left singular vector uₜ. */
  u: Float64Array;
  /** p values, descending, ≥ 0. */
  sigma: Float64Array;
  /** cols × p, row-major: column t is the t-th right singular vector vₜ. */
  v: Float64Array;
}

/** Quadratic convergence makes 10 sweeps typical; 60 leaves room for clusters of equal values. */
const MAX_SWEEPS = 60;

/**
 * The thin SVD of the row-major rows×cols matrix `data`: U and V have orthonormal columns (also where σ = 0:
 * those are completed to an orthonormal set), σ descends. Throws on bad shapes or non-finite entries (see
 * assertMatrix), and if the sweeps do not converge (never seen; it would be a bug).
 */
export function jacobiSvd(data: RealArray, rows: number, cols: number): SingularValueDecomposition {
  assertMatrix(data, rows, cols);
  // Work on the tall orientation: m ≥ p, columns are the ones rotated. A wide A is handled as Aᵀ = V·Σ·Uᵀ.
  const wide = rows < cols;
  const m = wide ? cols : rows;
  const p = wide ? rows : cols;
  let scale = 0;
  for (let i = 0; i < data.length; i++) scale = Math.max(scale, Math.abs(data[i]));
  // Columns of W stored contiguously (w[j·m + i] = W[i, j]), divided by max|a_ij| so no sum of squares can
  // overflow or underflow, whatever the magnitude of A.
  const w = new Float64Array(m * p);
  const inverse = scale > 0 ? 1 / scale : 0;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const value = data[r * cols + c] * inverse;
      if (wide) w[r * m + c] = value;
      else w[c * m + r] = value;
    }
  }
  // Columns of V, also contiguous: vt[j·p + i] = V[i, j]; V starts as the identity.
  const vt = new Float64Array(p * p);
  for (let j = 0; j < p; j++) vt[j * p + j] = 1;

  orthogonalizeColumns(w, vt, m, p);

  const norms = new Float64Array(p);
  for (let j = 0; j < p; j++) norms[j] = Math.sqrt(dot(w, j * m, j * m, m));
  const order = Array.from({ length: p }, (_, j) => j).sort((a, b) => norms[b] - norms[a] || a - b);

  // Left vectors (of W) as contiguous columns, normalised; zero columns are completed afterwards.
  const left = new Float64Array(m * p);
  const sigma = new Float64Array(p);
  const right = new Float64Array(p * p);
  const missing: number[] = [];
  const negligible = negligibleBelow(m, p > 0 ? norms[order[0]] : 0);
  order.forEach((source, t) => {
    const norm = norms[source];
    sigma[t] = norm * scale;
    right.set(vt.subarray(source * p, source * p + p), t * p);
    // A numerically zero column keeps its (tiny) σ but no direction of its own: A·vₜ is rounding noise.
    if (norm > negligible && norm > 0) {
      for (let i = 0; i < m; i++) left[t * m + i] = w[source * m + i] / norm;
    } else missing.push(t);
  });
  completeOrthonormal(left, m, p, missing);

  // Back to row-major factors of A: U is rows × p and V is cols × p.
  const uFactor = wide ? right : left;
  const vFactor = wide ? left : right;
  return {
    rows,
    cols,
    size: p,
    u: columnsToRowMajor(uFactor, rows, p),
    sigma,
    v: columnsToRowMajor(vFactor, cols, p),
  };
}

/**
 * Cyclic one-sided Jacobi sweeps over the p contiguous columns (length m) of w, applying every rotation also to
 * the p columns (length p) of vt. A pair counts as orthogonal when |wⱼ·wₖ| ≤ √m·ε·‖wⱼ‖‖wₖ‖ (LAPACK's dgesvj
 * test); a sweep without a rotation ends the iteration. Columns at rounding level next to the largest (see
 * `negligibleBelow`) take part in no rotation: they are numerically zero, their direction is noise, and rotating
 * noise against noise need never settle (uniform attention leaves n − 1 such columns). jacobiSvd gives them
 * completed directions instead.
 */
function orthogonalizeColumns(w: Float64Array, vt: Float64Array, m: number, p: number): void {
  const tolerance = Math.sqrt(m) * Number.EPSILON;
  const squares = new Float64Array(p);
  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    // Recomputed each sweep, so the cheap per-rotation updates below cannot drift.
    let largest = 0;
    for (let j = 0; j < p; j++) {
      squares[j] = dot(w, j * m, j * m, m);
      largest = Math.max(largest, squares[j]);
    }
    const floor = negligibleBelow(m, Math.sqrt(largest)) ** 2;
    let rotated = false;
    for (let j = 0; j + 1 < p; j++) {
      for (let k = j + 1; k < p; k++) {
        const dj = squares[j];
        const dk = squares[k];
        if (dj <= floor || dk <= floor) continue;
        const g = dot(w, j * m, k * m, m);
        if (Math.abs(g) <= tolerance * Math.sqrt(dj * dk)) continue;
        rotated = true;
        // The rotation [c −s; s c] on (wⱼ, wₖ) that zeroes their inner product: t = tan θ is the smaller root
        // of t² + 2ζt − 1 = 0, so |θ| ≤ π/4 and the update is as stable as it can be.
        const zeta = (dk - dj) / (2 * g);
        const t = (zeta >= 0 ? 1 : -1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = c * t;
        rotate(w, j * m, k * m, m, c, s);
        rotate(vt, j * p, k * p, p, c, s);
        // ‖wⱼ‖² − t·g cancels when the column loses most of its length: then measure it again.
        const nextJ = dj - t * g;
        const nextK = dk + t * g;
        squares[j] = nextJ < 0.1 * dj ? dot(w, j * m, j * m, m) : nextJ;
        squares[k] = nextK < 0.1 * dk ? dot(w, k * m, k * m, m) : nextK;
      }
    }
    if (!rotated) return;
  }
  throw new Error(`The Jacobi SVD did not converge in ${MAX_SWEEPS} sweeps (${m}×${p}).`);
}

/**
 * A column of length m whose norm is at most this (given the largest column norm) is rounding noise: m·ε of
 * the largest, what summing m products of that size can leave behind.
 */
function negligibleBelow(m: number, largestNorm: number): number {
  return m * Number.EPSILON * largestNorm;
}

function dot(x: Float64Array, a: number, b: number, length: number): number {
  let sum = 0;
  for (let i = 0; i < length; i++) sum += x[a + i] * x[b + i];
  return sum;
}

/** (x, y) ← (c·x − s·y, s·x + c·y) for the contiguous vectors at offsets a and b. */
function rotate(x: Float64Array, a: number, b: number, length: number, c: number, s: number): void {
  for (let i = 0; i < length; i++) {
    const xa = x[a + i];
    const xb = x[b + i];
    x[a + i] = c * xa - s * xb;
    x[b + i] = s * xa + c * xb;
  }
}

/**
 * Fills the columns listed in `missing` (their σ is zero, so A gives them no direction) with unit vectors
 * orthogonal to every other column. Each is the standard basis vector eᵢ farthest from the span of the columns so
 * far (its distance² is 1 − Σ cᵢ² over those columns c, at least (m − filled)/m for the best i), Gram–Schmidt'd
 * twice against them. There are always enough, since p ≤ m.
 */
function completeOrthonormal(columns: Float64Array, m: number, p: number, missing: number[]): void {
  if (missing.length === 0) return;
  const filled = Array.from({ length: p }, (_, t) => t).filter((t) => !missing.includes(t));
  for (const t of missing) {
    let best = 0;
    let bestDistance = -1;
    for (let i = 0; i < m; i++) {
      let inside = 0;
      for (const other of filled) inside += columns[other * m + i] ** 2;
      if (1 - inside > bestDistance) {
        bestDistance = 1 - inside;
        best = i;
      }
    }
    const x = new Float64Array(m);
    x[best] = 1;
    for (let pass = 0; pass < 2; pass++) {
      for (const other of filled) {
        let projection = 0;
        for (let i = 0; i < m; i++) projection += columns[other * m + i] * x[i];
        for (let i = 0; i < m; i++) x[i] -= projection * columns[other * m + i];
      }
    }
    let norm = 0;
    for (let i = 0; i < m; i++) norm += x[i] * x[i];
    norm = Math.sqrt(norm);
    for (let i = 0; i < m; i++) columns[t * m + i] = x[i] / norm;
    filled.push(t);
  }
}

/** p contiguous columns of length n → a row-major n × p matrix. */
function columnsToRowMajor(columns: Float64Array, n: number, p: number): Float64Array {
  const out = new Float64Array(n * p);
  for (let t = 0; t < p; t++) for (let i = 0; i < n; i++) out[i * p + t] = columns[t * n + i];
  return out;
}
