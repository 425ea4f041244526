/**
 * Eigenvalues of a real symmetric tridiagonal matrix by the implicitly shifted QR iteration with the
 * Wilkinson shift (Golub & Van Loan, "Matrix Computations", §8.3), values only. Each step chases a
 * bulge down the unreduced block with plane rotations; the Wilkinson shift makes the last off-diagonal
 * entry converge to zero (globally, and cubically in practice), after which the block shrinks by one.
 * Cost: a few rotations per entry per eigenvalue, O(n²) in all — negligible next to the reduction.
 */

import type { Tridiagonal } from './tridiagonalize';

/** Generous: the Wilkinson shift needs two or three steps per eigenvalue in practice. */
const MAX_STEPS_PER_EIGENVALUE = 50;

/** The eigenvalues of T in no particular order. The inputs are not modified. */
export function tridiagonalEigenvalues({ diagonal, offDiagonal }: Tridiagonal): Float64Array {
  const n = diagonal.length;
  const d = Float64Array.from(diagonal);
  const e = Float64Array.from(offDiagonal);
  let stepsLeft = MAX_STEPS_PER_EIGENVALUE * n;
  let hi = n - 1;
  while (hi > 0) {
    if (negligible(e, d, hi - 1)) {
      // d[hi] is an eigenvalue: shrink the active block.
      e[hi - 1] = 0;
      hi--;
      continue;
    }
    // The unreduced block [lo, hi] ends where an off-diagonal entry is negligible.
    let lo = hi - 1;
    while (lo > 0 && !negligible(e, d, lo - 1)) lo--;
    if (stepsLeft-- <= 0) {
      throw new Error(`The tridiagonal QR iteration did not converge in ${MAX_STEPS_PER_EIGENVALUE * n} steps.`);
    }
    shiftedQrStep(d, e, lo, hi);
  }
  return d;
}

/**
 * e[i] is negligible next to its neighbours on the diagonal (relative test, which protects small
 * eigenvalues better than an absolute one), or so small that it is below the normal float range.
 */
function negligible(e: Float64Array, d: Float64Array, i: number): boolean {
  const size = Math.abs(e[i]);
  return size <= Number.EPSILON * (Math.abs(d[i]) + Math.abs(d[i + 1])) || size < SMALLEST_NORMAL;
}

const SMALLEST_NORMAL = 2.2250738585072014e-308;

/**
 * One implicit QR step with the Wilkinson shift on the unreduced block [lo, hi]: T ← Gᵀ·T·G for a
 * product of rotations G, the first chosen as for the explicit step T − μI = QR, the rest returning T
 * to tridiagonal form by pushing the entry it creates below the sub-diagonal (the bulge) off the end.
 */
function shiftedQrStep(d: Float64Array, e: Float64Array, lo: number, hi: number): void {
  // The Wilkinson shift: the eigenvalue of the trailing 2×2 block nearer to d[hi].
  const tail = e[hi - 1];
  const halfGap = 0.5 * (d[hi - 1] - d[hi]);
  const root = length2(halfGap, tail);
  // tail·(tail/denominator) rather than tail²/denominator: |tail/denominator| ≤ 1, so a tail below
  // 1e-154 does not underflow to a zero shift (which would stall the iteration on [[0, ε], [ε, 0]]).
  const shift = d[hi] - tail * (tail / (halfGap + (halfGap >= 0 ? root : -root)));

  // (x, z) is the pair a rotation in the plane (k, k + 1) must map to (r, 0): first column of T − μI,
  // then (sub-diagonal entry, bulge).
  let x = d[lo] - shift;
  let z = e[lo];
  for (let k = lo; k < hi; k++) {
    const r = length2(x, z);
    // r = 0 only if the bulge underflowed to zero with nothing left to rotate: then do not rotate.
    const c = r === 0 ? 1 : x / r;
    const s = r === 0 ? 0 : z / r;
    if (k > lo) e[k - 1] = r;
    // Rotate rows and columns k and k + 1 of the 2×2 block [[p, q], [q, t]] by [[c, s], [−s, c]].
    const p = d[k];
    const q = e[k];
    const t = d[k + 1];
    const cross = 2 * c * s * q;
    d[k] = c * c * p + cross + s * s * t;
    d[k + 1] = s * s * p - cross + c * c * t;
    e[k] = c * s * (t - p) + (c * c - s * s) * q;
    if (k + 1 < hi) {
      // The rotation spreads e[k + 1] into the bulge at (k + 2, k).
      x = e[k];
      z = s * e[k + 1];
      e[k + 1] *= c;
    }
  }
}

/**
 * √(a² + b²). Math.hypot is slow in V8, and this runs once per rotation; plain squares are safe for the
 * well-scaled matrices of this module, with hypot as the fallback when they underflow or overflow.
 */
function length2(a: number, b: number): number {
  const squared = a * a + b * b;
  if (squared > 1e-290 && squared < 1e290) return Math.sqrt(squared);
  return Math.hypot(a, b);
}
