/**
 * The efficiency lab's sweep inside the compute worker: for each (n, k) point, checks that it can fit,
 * measures it with measureEncoder and streams the row to the page. One sweep at a time; cancellable
 * between runs. A lost device or an out-of-memory error ends the sweep with a clear message and keeps
 * the rows measured so far.
 */
import * as tf from '@tensorflow/tfjs';
import { MeasurementCancelled, measureEncoder } from '../lib/efficiency/measure';
import { checkPointFits, type BufferLimits } from '../lib/efficiency/guardRails';
import { describeSweepPoint, planSweep, sweepPointConfig, type SweepPoint } from '../lib/efficiency/sweepPlan';
import { currentGpuFault, guardGpuStep, GpuFaultError, throwIfGpuFault, type GpuFault } from './gpuFault';
import { costliestPoint } from '../lib/efficiency/sweepEstimate';
import type { CorpusId } from '../lib/data/corpora';
import type { TokenizerKind } from '../lib/experiments/runSpec';
import { prepareCorpus } from './corpusCache';
import type {
  BenchmarkEvents,
  BenchmarkOutcome,
  BenchmarkRequest,
  BenchRow,
  BenchSkip,
  SweepTiming,
} from './benchTypes';

let running = false;
let cancelRequested = false;

type WebGpuBackendLike = { device?: GPUDevice };

function webGpuDevice(): GPUDevice | null {
  return tf.getBackend() === 'webgpu' ? ((tf.backend() as unknown as WebGpuBackendLike).device ?? null) : null;
}

/** The device's limits (what tfjs actually got, which can be below the adapter's); null off WebGPU. */
function bufferLimits(device: GPUDevice | null): BufferLimits | null {
  if (!device) return null;
  return {
    maxBufferSize: device.limits.maxBufferSize,
    maxStorageBufferBindingSize: device.limits.maxStorageBufferBindingSize,
  };
}

function adapterLabel(device: GPUDevice | null): string {
  if (!device) return 'none';
  const info = (device as GPUDevice & { adapterInfo?: GPUAdapterInfo }).adapterInfo;
  const parts = [info?.vendor, info?.architecture, info?.description].filter((part) => part && part.length > 0);
  return parts.length ? parts.join(' · ') : 'unknown adapter';
}

/**
 * The vocabulary a training run on this corpus and tokenizer has (the three special tokens included), so the
 * efficiency lab times the output layer the training lab trains. Loads the corpus once (corpusCache keeps it).
 */
export async function corpusVocabSize(corpus: CorpusId, tokenizer: TokenizerKind): Promise<number> {
  return (await prepareCorpus(corpus, tokenizer)).tokenizer.vocabSize;
}

export function cancelBenchmark(): void {
  if (running) cancelRequested = true;
}

export async function runBenchmark(request: BenchmarkRequest, events: BenchmarkEvents): Promise<BenchmarkOutcome> {
  if (running) throw new Error('A benchmark is already running; cancel it or wait for it to finish.');
  running = true;
  cancelRequested = false;
  const rows: BenchRow[] = [];
  const skipped: BenchSkip[] = [];
  const points = planSweep(request.ns, request.ks);
  const device = webGpuDevice();
  const progress = (done: number, current: SweepPoint | null) =>
    events.progress({ done, total: points.length, current: current ? describeSweepPoint(current) : null });
  try {
    for (let i = 0; i < points.length; i++) {
      const point = points[i];
      if (cancelRequested) return { status: 'cancelled', message: null, rows, skipped };
      const fault = currentGpuFault();
      if (fault) return gpuFaultOutcome(fault, rows, skipped);
      progress(i, point);
      const config = sweepPointConfig(request, point);
      const verdict = checkPointFits({
        config,
        batch: request.batch,
        limits: bufferLimits(device),
        budgetBytes: request.budgetBytes,
      });
      if (!verdict.ok) {
        const skip: BenchSkip = {
          n: point.n,
          k: point.k,
          attention: point.attention,
          reason: `skipped: ${verdict.reason}`,
        };
        skipped.push(skip);
        events.skipped(skip);
        continue;
      }
      try {
        // A point the GPU faulted on is not kept: its kernels may be the ones the GPU rejected (gpuFault.ts).
        const row = await guardGpuStep(() => measurePoint(request, point, device));
        rows.push(row);
        events.row(row);
      } catch (error) {
        if (error instanceof MeasurementCancelled) return { status: 'cancelled', message: null, rows, skipped };
        if (error instanceof GpuFaultError) return gpuFaultOutcome(error.fault, rows, skipped);
        if (error instanceof OutOfMemory) {
          // The point's tensors are freed by now; smaller points may still fit, so the sweep goes on.
          const skip: BenchSkip = { n: point.n, k: point.k, attention: point.attention, reason: error.message };
          skipped.push(skip);
          events.skipped(skip);
          continue;
        }
        const message = error instanceof Error ? error.message : String(error);
        return {
          status: 'failed',
          message: `${describeSweepPoint(point)} failed: ${message}. The ${rows.length} rows measured before it are kept.`,
          rows,
          skipped,
        };
      }
    }
    progress(points.length, null);
    return { status: 'finished', message: null, rows, skipped };
  } finally {
    running = false;
    cancelRequested = false;
  }
}

/**
 * Times the sweep's costliest point once (one untimed warm-up, one timed forward and training step), for the
 * estimate shown before a sweep starts (lib/efficiency/sweepEstimate.ts). Only points that pass the guard rails
 * count: the sweep skips the others without running them. Shares the sweep's lock, so the two never overlap.
 */
export async function timeCostliestPoint(request: BenchmarkRequest): Promise<SweepTiming> {
  if (running) throw new Error('A benchmark is already running; wait for it to finish before estimating.');
  throwIfGpuFault();
  running = true;
  try {
    const device = webGpuDevice();
    const fitting = planSweep(request.ns, request.ks).filter(
      (point) =>
        checkPointFits({
          config: sweepPointConfig(request, point),
          batch: request.batch,
          limits: bufferLimits(device),
          budgetBytes: request.budgetBytes,
        }).ok,
    );
    const point = costliestPoint(request, request.batch, fitting);
    const base = { points: fitting.length, backend: tf.getBackend() };
    if (!point) return { ...base, point: null, forwardMs: NaN, trainStepMs: null };
    // Between two GPU fault checks: a time measured on a lost device is no estimate (gpuFault.ts).
    const measurement = await guardGpuStep(() =>
      measureEncoder(sweepPointConfig(request, point), request.batch, {
        warmup: 1,
        repeats: 1,
        training: request.training,
      }),
    );
    return {
      ...base,
      point: describeSweepPoint(point),
      forwardMs: measurement.forwardMs.median,
      trainStepMs: measurement.trainStepMs?.median ?? null,
    };
  } finally {
    running = false;
  }
}

class OutOfMemory extends Error {}

async function measurePoint(request: BenchmarkRequest, point: SweepPoint, device: GPUDevice | null): Promise<BenchRow> {
  // WebGPU reports allocation failures to an error scope, not as exceptions: catch them per point.
  device?.pushErrorScope('out-of-memory');
  let measurement;
  try {
    measurement = await measureEncoder(sweepPointConfig(request, point), request.batch, {
      warmup: request.warmup,
      repeats: request.repeats,
      training: request.training,
      shouldStop: () => cancelRequested,
    });
  } finally {
    const gpuError = await device?.popErrorScope();
    if (gpuError) {
      // eslint-disable-next-line no-unsafe-finally -- an OOM outranks whatever the measurement threw
      throw new OutOfMemory(
        `out of GPU memory at ${describeSweepPoint(point)} (${gpuError.message}); try a smaller batch or n`,
      );
    }
  }
  const { forwardMs, trainStepMs } = measurement;
  return {
    n: point.n,
    k: point.k,
    attention: point.attention,
    msMedian: forwardMs.median,
    msMin: forwardMs.min,
    msMax: forwardMs.max,
    msQ1: forwardMs.q1,
    msQ3: forwardMs.q3,
    trainMsMedian: trainStepMs?.median ?? null,
    trainMsMin: trainStepMs?.min ?? null,
    trainMsMax: trainStepMs?.max ?? null,
    peakBytes: measurement.peakBytes,
    forwardPeakBytes: measurement.forwardPeakBytes,
    trainPeakBytes: measurement.trainPeakBytes,
    poolBytes: measurement.poolBytes,
    backend: tf.getBackend(),
    adapter: adapterLabel(device),
    layers: request.layers,
    heads: request.heads,
    dModel: request.dModel,
    dFF: request.dFF,
    batch: request.batch,
    vocabSize: request.vocabSize,
    sharing: request.sharing,
    projection: request.projection,
  };
}

function gpuFaultOutcome(fault: GpuFault, rows: BenchRow[], skipped: BenchSkip[]): BenchmarkOutcome {
  return {
    status: 'failed',
    message: `${fault.message} Rows measured before it: ${rows.length}.`,
    rows,
    skipped,
  };
}
