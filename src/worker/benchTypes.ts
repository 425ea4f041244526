/** The efficiency lab's messages between the page and the compute worker: plain data, safe to post. */
import type { SweepShape } from '../lib/efficiency/sweepPlan';
import type { AttentionKind } from '../lib/model/config';

/** The model a benchmark measures at every point: the sweep's shape and the batch size. */
export interface BenchShape extends SweepShape {
  batch: number;
}

/** A sweep over sequence lengths n and projected lengths k of one model shape. */
export interface BenchmarkRequest extends BenchShape {
  ns: number[];
  ks: number[];
  /** Untimed runs before timing (per kind of run). */
  warmup: number;
  /** Timed runs per point. */
  repeats: number;
  /** Also time a training step at each point. */
  training: boolean;
  /** Skip points whose estimated training-step memory exceeds this many bytes. */
  budgetBytes: number;
}

/** One measured point, with the shape it was measured on. Times in milliseconds, memory in bytes. */
export interface BenchRow extends BenchShape {
  n: number;
  /** null for standard attention. */
  k: number | null;
  attention: AttentionKind;
  msMedian: number;
  msMin: number;
  msMax: number;
  msQ1: number;
  msQ3: number;
  /** Training step (forward + backward + clip + AdamW); null when training was not measured. */
  trainMsMedian: number | null;
  trainMsMin: number | null;
  trainMsMax: number | null;
  /** tf.profile peakBytes of one forward, weights included. */
  peakBytes: number;
  /** The forward's own peak: peakBytes minus the bytes live before it. */
  forwardPeakBytes: number;
  trainPeakBytes: number | null;
  /** The backend's buffer pool after the point (WebGPU: numBytesAllocatedInGPU). */
  poolBytes: number;
  backend: string;
  adapter: string;
}

/** A point that was not measured, and why. */
export interface BenchSkip {
  n: number;
  k: number | null;
  attention: AttentionKind;
  reason: string;
}

export interface BenchProgress {
  /** Points finished (measured or skipped). */
  done: number;
  total: number;
  /** What runs now, e.g. "Linformer n = 512, k = 64". */
  current: string | null;
}

export interface BenchmarkEvents {
  row(row: BenchRow): void;
  skipped(skip: BenchSkip): void;
  progress(progress: BenchProgress): void;
}

export interface BenchmarkOutcome {
  status: 'finished' | 'cancelled' | 'failed';
  /** For 'failed': what happened, in words a user can act on. */
  message: string | null;
  rows: BenchRow[];
  skipped: BenchSkip[];
}

/** One timing of a sweep's costliest point, the basis of the estimate shown before the sweep starts. */
export interface SweepTiming {
  /** Points the sweep will measure (those its guard rails let through). */
  points: number;
  /** The point timed, e.g. "standard n = 4096"; null when no point fits. */
  point: string | null;
  forwardMs: number;
  /** null when the sweep does not time training. */
  trainStepMs: number | null;
  backend: string;
}
