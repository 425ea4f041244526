/**
 * The backend check the app offers ("Check this backend"): the parity run of backendParity.ts on a candidate
 * backend and on the cpu backend, in the same tfjs, compared attention kind by attention kind. It is framework
 * free: the caller says how to switch backends (in the app, a dedicated worker that owns no other model), and
 * gets plain data back, safe to post between threads.
 */
import * as tf from '@tensorflow/tfjs';
import type { Tokenizer } from '../data/tokenizer';
import type { AttentionKind } from '../model/config';
import {
  compareTrajectories,
  parityTrajectory,
  PARITY_STEPS,
  PARITY_TOLERANCE,
  withinParityTolerance,
  type ParityTrajectory,
} from './backendParity';

/** The backend every other one is compared with: tfjs's plain JavaScript kernels. */
export const PARITY_REFERENCE_BACKEND = 'cpu';
/** The check trains on the opening this many characters of Moby-Dick (as the parity unit tests do). */
export const PARITY_TEXT_CHARACTERS = 20_000;
export const PARITY_ATTENTION_KINDS: readonly AttentionKind[] = ['standard', 'linformer'];

/** One attention kind's outcome: the largest relative gaps to the reference and the clipping on both sides. */
export interface ParityRow {
  attention: AttentionKind;
  maxLossGap: number;
  maxNormGap: number;
  /** Steps clipped on the checked backend, and on the reference. */
  clippedSteps: number;
  referenceClippedSteps: number;
  steps: number;
  /** Both gaps within PARITY_TOLERANCE. */
  pass: boolean;
  losses: number[];
  referenceLosses: number[];
  gradNorms: number[];
  referenceGradNorms: number[];
}

export interface ParityCheckResult {
  backend: string;
  reference: string;
  steps: number;
  tolerance: { loss: number; gradNorm: number };
  rows: ParityRow[];
  /** What the backend itself reported as wrong while the check ran (e.g. WebGPU validation errors). */
  backendErrors: string[];
  /** Every row passes and the backend reported no errors. */
  pass: boolean;
  seconds: number;
}

export interface ParityProgress {
  /** Updates trained so far, over all runs, and how many there are in all. */
  done: number;
  total: number;
  backend: string;
  attention: AttentionKind;
  /** The update within the current run (1 … steps). */
  step: number;
  steps: number;
}

export interface ParityCheckOptions {
  /** The backend to check; it must already be registered (and is made active by `useBackend`). */
  candidate: string;
  /** Makes `name` the active tfjs backend, or throws saying why it cannot. */
  useBackend(name: string): Promise<void>;
  ids: Int32Array;
  tokenizer: Tokenizer;
  steps?: number;
  onProgress?(progress: ParityProgress): void;
  /** Errors the backend reported during the check, read once it has run (default: none). */
  backendErrors?(): string[];
}

/**
 * Trains the parity run of each attention kind on the candidate backend, then on the reference, and compares
 * them. Every tensor the runs create is freed by parityTrajectory, so the tensor count is unchanged afterwards.
 * The reference backend is left active.
 */
export async function runParityCheck(options: ParityCheckOptions): Promise<ParityCheckResult> {
  const { candidate, ids, tokenizer, onProgress } = options;
  const steps = options.steps ?? PARITY_STEPS;
  const started = performance.now();
  const order = [candidate, PARITY_REFERENCE_BACKEND];
  const total = order.length * PARITY_ATTENTION_KINDS.length * steps;
  const trajectories = new Map<string, ParityTrajectory>();
  let done = 0;
  for (const backend of order) {
    await options.useBackend(backend);
    if (tf.getBackend() !== backend) {
      throw new Error(`The check asked for the ${backend} backend but tfjs is on ${tf.getBackend()}.`);
    }
    for (const attention of PARITY_ATTENTION_KINDS) {
      const before = done;
      const trajectory = await parityTrajectory(attention, ids, tokenizer, steps, (step) => {
        done = before + step;
        onProgress?.({ done, total, backend, attention, step, steps });
      });
      trajectories.set(`${backend}/${attention}`, trajectory);
    }
  }
  const rows = PARITY_ATTENTION_KINDS.map((attention) =>
    parityRow(
      trajectories.get(`${candidate}/${attention}`)!,
      trajectories.get(`${PARITY_REFERENCE_BACKEND}/${attention}`)!,
    ),
  );
  const backendErrors = options.backendErrors?.() ?? [];
  return {
    backend: candidate,
    reference: PARITY_REFERENCE_BACKEND,
    steps,
    tolerance: { ...PARITY_TOLERANCE },
    rows,
    backendErrors,
    pass: rows.every((row) => row.pass) && backendErrors.length === 0,
    seconds: (performance.now() - started) / 1000,
  };
}

/** One attention kind's row from its two trajectories (candidate first). */
export function parityRow(candidate: ParityTrajectory, reference: ParityTrajectory): ParityRow {
  const comparison = compareTrajectories(candidate, reference);
  return {
    attention: candidate.attention,
    maxLossGap: comparison.maxLossGap,
    maxNormGap: comparison.maxNormGap,
    clippedSteps: candidate.clippedSteps,
    referenceClippedSteps: reference.clippedSteps,
    steps: candidate.losses.length,
    // NaN gaps (a non-finite reference) fail: NaN ≤ tolerance is false.
    pass: withinParityTolerance(comparison),
    losses: candidate.losses,
    referenceLosses: reference.losses,
    gradNorms: candidate.gradNorms,
    referenceGradNorms: reference.gradNorms,
  };
}
