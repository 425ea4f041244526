/**
 * Reference curves for the cumulative-singular-value figure (the paper's Figure 1, left), so that a trained head's
 * curve can be read against what attention without any learned structure gives for a matrix of the same shape:
 *
 * - **uniform attention**, every entry 1/cols (1/n for standard attention's n × n P): rank 1, so its curve is 1
 *   from index 1. A freshly initialised model attends almost uniformly and sits on this curve; "low rank" then
 *   holds trivially and says nothing about Claim 1.
 * - **random softmax attention**, softmax over each row of i.i.d. standard normal logits, seeded and averaged over
 *   a few draws. Why this one: it is row-stochastic like every attention matrix (so it shares the dominant σ₁ that
 *   the constant row sums give any P, see below) but its scores carry no structure at all, unit-variance noise as
 *   from random, unrelated queries and keys. Its spectrum is that large σ₁ and a flat, slowly falling bulk: the
 *   "long tail" a matrix has when nothing in it is low rank beyond the row sums. A trained head whose curve rises
 *   well above it concentrates its mass in few directions (what the paper's Claim 1 says); one that lies on it
 *   does not. Unit-variance logits are the neutral scale: they are what QKᵀ/√d gives for unit-variance queries
 *   and keys, so this is attention with scores of that size that have nothing to do with the input. Smaller
 *   logits move the curve up towards the uniform one (scale 0), larger ones down towards one-hot rows.
 *
 * Row-stochastic matrices have σ₁ ≥ √(rows/cols): P·1 = 1 (each row sums to 1), so ‖P‖₂ ≥ ‖P·1‖/‖1‖ = √rows/√cols,
 * which is 1 for a square P. The curves use the same normalised cumulative share as the head summaries
 * (`meanCumulativeCurve` in headSummary.ts): the mean over draws of Σ_{i≤j} σᵢ / Σ σᵢ.
 *
 * Plain JavaScript (no tfjs): the page draws these itself. The random one costs O(rows·cols·min(rows, cols)) per
 * draw on the calling thread, so the page keeps to `MAX_REFERENCE_WORK` (`referenceDraws`).
 */
import { singularValues } from '../numerics/singularValues';
import { createRng } from '../random';
import { meanCumulativeCurve } from './headSummary';

/** The fixed seed of the random reference: every page and every export draws the same matrices. */
export const REFERENCE_SEED = 1_000_003;
/** Draws averaged for the random reference: enough to steady its curve (it varies little from draw to draw). */
export const REFERENCE_DRAWS = 4;
/**
 * The work of one draw, rows·cols·min(rows, cols) (forming the Gram matrix of the short side; its eigenvalues
 * cost min(rows, cols)³ more), that the page still computes a random reference for: that of a 512 × 512 matrix,
 * a few hundred milliseconds in plain JavaScript. Larger ones would stall the page.
 */
export const MAX_REFERENCE_WORK = 512 ** 3;

/**
 * Draws for a reference of this shape on the page: `REFERENCE_DRAWS` up to the work of a 256 × 256 matrix, one
 * up to `MAX_REFERENCE_WORK` (a large matrix's curve varies very little from draw to draw), and 0 above it: too
 * large to compute on the page.
 */
export function referenceDraws(rows: number, cols: number): number {
  const work = rows * cols * Math.min(rows, cols);
  if (work <= 256 ** 3) return REFERENCE_DRAWS;
  return work <= MAX_REFERENCE_WORK ? 1 : 0;
}

function assertShape(rows: number, cols: number): void {
  if (!Number.isInteger(rows) || rows < 1 || !Number.isInteger(cols) || cols < 1) {
    throw new Error(`A reference matrix needs whole-number sizes ≥ 1 (got ${rows} × ${cols}).`);
  }
}

/** The rows × cols row-major matrix with every entry 1/cols: uniform attention, each row summing to 1. */
export function uniformAttention(rows: number, cols: number): Float64Array {
  assertShape(rows, cols);
  return new Float64Array(rows * cols).fill(1 / cols);
}

/**
 * The singular values of uniform attention, exactly: the matrix is (1/cols)·1·1ᵀ, of rank 1, with σ₁ = ‖1_rows‖·‖1_cols‖/cols
 * = √(rows/cols) and every other value 0. (A numerical SVD would give the zeros as rounding noise of ~1e-8·σ₁.)
 */
export function uniformSpectrum(rows: number, cols: number): Float64Array {
  assertShape(rows, cols);
  const sigma = new Float64Array(Math.min(rows, cols));
  sigma[0] = Math.sqrt(rows / cols);
  return sigma;
}

/** One rows × cols matrix whose rows are the softmax of i.i.d. N(0, 1) logits drawn from `seed`. */
export function randomSoftmaxAttention(rows: number, cols: number, seed: number): Float64Array {
  assertShape(rows, cols);
  const rng = createRng(seed);
  const data = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    const row = data.subarray(r * cols, (r + 1) * cols);
    let max = -Infinity;
    for (let c = 0; c < cols; c++) {
      row[c] = rng.normal();
      if (row[c] > max) max = row[c];
    }
    let sum = 0;
    for (let c = 0; c < cols; c++) {
      row[c] = Math.exp(row[c] - max);
      sum += row[c];
    }
    for (let c = 0; c < cols; c++) row[c] /= sum;
  }
  return data;
}

export interface ReferenceOptions {
  seed?: number;
  draws?: number;
}

/** The singular values (descending) of `draws` random softmax matrices; draw d uses a seed forked from `seed`. */
export function randomSoftmaxSpectra(rows: number, cols: number, options: ReferenceOptions = {}): Float64Array[] {
  const { seed = REFERENCE_SEED, draws = REFERENCE_DRAWS } = options;
  if (!Number.isInteger(draws) || draws < 1) throw new Error(`draws must be a whole number ≥ 1 (got ${draws}).`);
  const seeds = createRng(seed);
  return Array.from({ length: draws }, () => singularValues(randomSoftmaxAttention(rows, cols, seeds.fork()), rows, cols));
}

export interface ReferenceCurves {
  rows: number;
  cols: number;
  /** Uniform attention's normalised cumulative curve: 1 at every index from 1 on. */
  uniform: Float64Array;
  /** The random softmax curve, averaged over the draws (index j − 1 holds the value at j), as the heads' curves are. */
  randomSoftmax: Float64Array;
  seed: number;
  draws: number;
}

/** Both reference curves for a rows × cols attention matrix (n × n for standard attention, n × k for Linformer). */
export function referenceCurves(rows: number, cols: number, options: ReferenceOptions = {}): ReferenceCurves {
  const { seed = REFERENCE_SEED, draws = REFERENCE_DRAWS } = options;
  return {
    rows,
    cols,
    uniform: meanCumulativeCurve([uniformSpectrum(rows, cols)]),
    randomSoftmax: meanCumulativeCurve(randomSoftmaxSpectra(rows, cols, { seed, draws })),
    seed,
    draws,
  };
}
