/**
 * Measures one encoder configuration on the active tfjs backend: inference (forward) time, training-step
 * time (forward, backward, clipping and AdamW through the real Trainer), peak tensor memory and the
 * backend's buffer pool. The model is built once, warmed up (the first use of each shader compiles a
 * pipeline), then timed over repeated runs. Every run ends by reading a value back with an awaited data(),
 * so the time covers the GPU work and not just its submission.
 *
 * Memory: everything created here is freed before returning, also on error and on cancellation.
 */
import * as tf from '@tensorflow/tfjs';
import type { MlmBatch } from '../data/mlmBatch';
import { createEncoder, encoderForward, type Encoder } from '../model/encoder';
import type { ModelConfig } from '../model/config';
import { createRng } from '../random';
import { repeatingBatchSource } from '../train/batchSource';
import { Trainer } from '../train/trainer';
import { defaultTrainConfig } from '../train/trainConfig';
import { yieldToEventLoop } from '../train/yieldToEventLoop';
import { summarizeTimings, type TimingStats } from './measureStats';

export interface MeasureOptions {
  /** Untimed runs of each kind first (default 2). */
  warmup?: number;
  /** Timed runs of each kind (default 5). */
  repeats?: number;
  /** Also time a training step (default true). */
  training?: boolean;
  /** Polled between runs; when it returns true the measurement stops with MeasurementCancelled. */
  shouldStop?: () => boolean;
}

export interface EncoderMeasurement {
  forwardMs: TimingStats;
  /** null when training was not measured. */
  trainStepMs: TimingStats | null;
  /** tf.profile peakBytes of one forward: every live tensor byte at the peak, weights included. */
  peakBytes: number;
  /** Tensor bytes live just before that forward (weights, optimizer state, the batch). */
  baselineBytes: number;
  /** peakBytes − baselineBytes: what the forward itself needed (compare with EncoderCost.forwardPeakBytes). */
  forwardPeakBytes: number;
  /** tf.profile peakBytes of one training step, or null. */
  trainPeakBytes: number | null;
  /** The backend's buffer pool after the runs (WebGPU numBytesAllocatedInGPU), else live tensor bytes. */
  poolBytes: number;
  /** Live bytes in GPU buffers after the runs (WebGPU only), else null. */
  gpuLiveBytes: number | null;
}

export class MeasurementCancelled extends Error {
  constructor() {
    super('The measurement was cancelled.');
    this.name = 'MeasurementCancelled';
  }
}

type BackendMemoryInfo = tf.MemoryInfo & { numBytesInGPU?: number; numBytesAllocatedInGPU?: number };

/** A fixed masked-LM batch of random ids: every position is a token, one in seven is predicted. */
export function syntheticBatch(config: ModelConfig, batchSize: number, seed = 1): MlmBatch {
  const size = batchSize * config.seqLen;
  const rng = createRng(seed);
  const tokens = new Int32Array(size);
  for (let i = 0; i < size; i++) tokens[i] = rng.int(config.vocabSize);
  const weights = new Float32Array(size);
  for (let i = 0; i < size; i += 7) weights[i] = 1;
  return {
    batchSize,
    seqLen: config.seqLen,
    tokens,
    targets: tokens.slice(),
    weights,
    attentionMask: new Float32Array(size).fill(1),
  };
}

export async function measureEncoder(
  config: ModelConfig,
  batchSize: number,
  options: MeasureOptions = {},
): Promise<EncoderMeasurement> {
  const warmup = options.warmup ?? 2;
  const repeats = options.repeats ?? 5;
  if (!Number.isInteger(warmup) || warmup < 0)
    throw new RangeError(`warmup must be a whole number ≥ 0 (got ${warmup}).`);
  if (!Number.isInteger(repeats) || repeats < 1)
    throw new RangeError(`repeats must be a whole number ≥ 1 (got ${repeats}).`);
  const training = options.training ?? true;
  const checkpoint = async () => {
    // A macrotask lets a cancel message reach the worker between runs (never inside a timed run).
    await yieldToEventLoop();
    if (options.shouldStop?.()) throw new MeasurementCancelled();
  };

  const batch = syntheticBatch(config, batchSize);
  const owned: tf.Tensor[] = [];
  let model: Encoder | null = null;
  let trainer: Trainer | null = null;
  try {
    const tokens = tf.tensor2d(batch.tokens, [batchSize, config.seqLen], 'int32');
    const mask = tf.tensor2d(batch.attentionMask, [batchSize, config.seqLen], 'float32');
    owned.push(tokens, mask);
    model = createEncoder(config);
    const liveModel = model;
    if (training) {
      // A small constant learning rate keeps repeated steps on one batch far from diverging.
      const trainConfig = defaultTrainConfig({
        learningRate: 1e-4,
        warmupSteps: 0,
        totalSteps: 1e9,
        evalInterval: 0,
        seed: 1,
      });
      trainer = new Trainer(model, repeatingBatchSource(batch), trainConfig);
    }
    // The forward reduces the logits to one number so the read-back is tiny and the same for both kinds.
    const forward = () => tf.tidy(() => tf.sum(encoderForward(liveModel, tokens, mask, { training: false }).logits));
    const timedForward = async (): Promise<number> => {
      const started = performance.now();
      const total = forward();
      try {
        await total.data();
      } finally {
        total.dispose();
      }
      return performance.now() - started;
    };
    const timedStep = async (): Promise<number> => {
      const started = performance.now();
      await (trainer as Trainer).step();
      return performance.now() - started;
    };

    for (let i = 0; i < warmup; i++) {
      await checkpoint();
      await timedForward();
      if (trainer) {
        await checkpoint();
        await timedStep();
      }
    }
    const forwardTimes: number[] = [];
    for (let i = 0; i < repeats; i++) {
      await checkpoint();
      forwardTimes.push(await timedForward());
    }
    const stepTimes: number[] = [];
    if (trainer) {
      for (let i = 0; i < repeats; i++) {
        await checkpoint();
        stepTimes.push(await timedStep());
      }
    }

    // Memory is profiled in separate, untimed runs: tf.profile submits after every kernel.
    await checkpoint();
    const baselineBytes = tf.memory().numBytes;
    // tf.profile returns one shared object that the next profile overwrites: copy the number out at once.
    const peakBytes = (
      await tf.profile(async () => {
        const total = forward();
        await total.data();
        total.dispose();
      })
    ).peakBytes;
    let trainPeakBytes: number | null = null;
    if (trainer) {
      await checkpoint();
      const liveTrainer = trainer;
      trainPeakBytes = (await tf.profile(async () => void (await liveTrainer.step()))).peakBytes;
    }
    const memory = tf.memory() as BackendMemoryInfo;
    return {
      forwardMs: summarizeTimings(forwardTimes),
      trainStepMs: trainer ? summarizeTimings(stepTimes) : null,
      peakBytes,
      baselineBytes,
      forwardPeakBytes: peakBytes - baselineBytes,
      trainPeakBytes,
      poolBytes: memory.numBytesAllocatedInGPU ?? memory.numBytes,
      gpuLiveBytes: memory.numBytesInGPU ?? null,
    };
  } finally {
    trainer?.dispose();
    model?.dispose();
    tf.dispose(owned);
  }
}
