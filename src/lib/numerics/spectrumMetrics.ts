/**
 * Summaries of a singular-value spectrum σ₁ ≥ σ₂ ≥ … ≥ 0 (as returned by `singularValues`), used to ask
 * the Linformer paper's question of an attention matrix P: how much of P lives in its top k directions?
 *
 * All functions are pure and check their input: a spectrum must be finite, non-negative and
 * non-increasing, because an unsorted array passed by mistake would otherwise give plausible nonsense.
 * A spectrum that is all zeros (the zero matrix) has no mass to distribute; each function documents
 * what it returns then.
 */

/**
 * c_j = (σ₁ + … + σ_j) / (σ₁ + … + σ_r) for j = 1..r, stored at index j − 1, so the last entry is 1:
 * the "normalized cumulative singular value" curve of the paper's Figure 1. An all-zero spectrum gives
 * all zeros (no mass has been accumulated anywhere), which keeps charts finite instead of NaN.
 */
export function normalizedCumulative(sigma: Float64Array): Float64Array {
  assertSpectrum(sigma);
  const cumulative = new Float64Array(sigma.length);
  let running = 0;
  for (let i = 0; i < sigma.length; i++) {
    running += sigma[i];
    cumulative[i] = running;
  }
  const total = running;
  if (total === 0) return cumulative;
  for (let i = 0; i < cumulative.length; i++) cumulative[i] /= total;
  // Division can leave the last entry a rounding step away from 1; the definition makes it exactly 1.
  cumulative[cumulative.length - 1] = 1;
  return cumulative;
}

/**
 * The relative Frobenius error of the best rank-k approximation, ‖P − P_k‖_F / ‖P‖_F
 * = √(Σ_{i>k} σᵢ² / Σ σᵢ²) (Eckart–Young). 1 for k = 0, 0 for k ≥ the number of nonzero values. The
 * tail is summed directly, never as 1 − head, so small errors are not lost to cancellation. An all-zero
 * spectrum gives 0 (the zero matrix is represented exactly at every rank).
 */
export function rankKRelativeError(sigma: Float64Array, k: number): number {
  assertSpectrum(sigma);
  if (!Number.isInteger(k) || k < 0) throw new Error(`k must be a whole number ≥ 0 (got ${k}).`);
  const largest = sigma.length > 0 ? sigma[0] : 0;
  if (largest === 0) return 0;
  // Squares of σᵢ/σ₁ cannot overflow; summed from the smallest up, the tail keeps its low digits.
  let tail = 0;
  let total = 0;
  for (let i = sigma.length - 1; i >= 0; i--) {
    const ratio = sigma[i] / largest;
    const square = ratio * ratio;
    total += square;
    if (i >= k) tail += square;
  }
  return Math.sqrt(tail / total);
}

/**
 * The entropy effective rank exp(H(p)) with pᵢ = σᵢ / Σσ and H(p) = −Σ pᵢ ln pᵢ (Roy & Vetterli 2007):
 * 1 for a rank-one matrix, r for r equal nonzero values, and in between for a decaying spectrum. Zero
 * values contribute nothing (0·ln 0 = 0). An all-zero spectrum gives 0, the rank of the zero matrix.
 */
export function effectiveRank(sigma: Float64Array): number {
  assertSpectrum(sigma);
  let total = 0;
  for (let i = 0; i < sigma.length; i++) total += sigma[i];
  if (total === 0) return 0;
  let entropy = 0;
  for (let i = 0; i < sigma.length; i++) {
    const p = sigma[i] / total;
    if (p > 0) entropy -= p * Math.log(p);
  }
  return Math.exp(entropy);
}

/**
 * The first index i (0-based) with σᵢ < relativeFloor·σ₁, or σ.length when there is none. It equals the
 * number of leading values at or above the floor: with relativeFloor ≈ 3e-4 it marks where a spectrum
 * computed from a float32 Gram product stops being meaningful. An all-zero or empty spectrum gives 0:
 * none of its values carries information.
 */
export function meaningfulTailIndex(sigma: Float64Array, relativeFloor: number): number {
  assertSpectrum(sigma);
  if (!(relativeFloor >= 0 && relativeFloor <= 1)) {
    throw new Error(`relativeFloor must be in [0, 1] (got ${relativeFloor}).`);
  }
  if (sigma.length === 0 || sigma[0] === 0) return 0;
  const floor = relativeFloor * sigma[0];
  for (let i = 0; i < sigma.length; i++) {
    if (sigma[i] < floor) return i;
  }
  return sigma.length;
}

/** Throws unless `sigma` is a spectrum: finite, ≥ 0 and non-increasing (shared with lowRank.ts). */
export function assertSpectrum(sigma: Float64Array): void {
  for (let i = 0; i < sigma.length; i++) {
    const value = sigma[i];
    if (!Number.isFinite(value) || value < 0) {
      throw new Error(`A spectrum holds finite values ≥ 0, but entry ${i} is ${value}.`);
    }
    if (i > 0 && value > sigma[i - 1]) {
      throw new Error(`A spectrum must be in descending order, but entry ${i} (${value}) exceeds entry ${i - 1} (${sigma[i - 1]}).`);
    }
  }
}
