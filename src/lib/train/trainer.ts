import * as tf from '@tensorflow/tfjs';
import type { MlmBatch } from '../data';
import { encoderForward, maskedLmLoss, type Encoder } from '../model';
import { createRng } from '../random';
import { AdamW } from './adamw';
import { predictedPositions, type BatchSource } from './batchSource';
import { globalNormAndClipScale } from './clipByGlobalNorm';
import { TrainingDivergedError } from './errors';
import { learningRateAt } from './schedule';
import { assertValidTrainConfig, DEFAULT_FINAL_LEARNING_RATE_FRACTION, type TrainConfig } from './trainConfig';

export interface MemoryReport {
  numTensors: number;
  numBytes: number;
  /** WebGPU only: bytes in live GPU buffers. */
  numBytesInGPU?: number;
  /** WebGPU only: bytes in the buffer pool (grows while shapes vary; buffers are reused by exact size). */
  numBytesAllocatedInGPU?: number;
  /** Largest number of tensor bytes alive during the step; only measured with profileMemory. */
  peakBytes?: number;
}

export interface ValidationReport {
  /** Mean cross-entropy (nats) over every predicted position of the validation batches. */
  loss: number;
  /** exp(loss). */
  perplexity: number;
}

export interface StepReport {
  /** The number of this update, from 1. */
  step: number;
  /** The training loss of this step's batch, before the update. */
  loss: number;
  learningRate: number;
  /** Wall time of the step: batch upload, forward, backward, update and reading the loss back. */
  msPerStep: number;
  /** Tokens in the batch (B·n, padding included) per second of msPerStep. */
  tokensPerSecond: number;
  /** Global gradient norm before clipping. */
  gradNorm: number;
  /** Whether clipping scaled this step's gradients down (gradNorm above a positive clip norm). */
  clipped: boolean;
  memory: MemoryReport;
  /** Present on steps that ran a validation pass. */
  validation?: ValidationReport;
}

/** The extra fields tfjs puts in tf.memory() on the webgpu backend. */
type BackendMemoryInfo = tf.MemoryInfo & { numBytesInGPU?: number; numBytesAllocatedInGPU?: number };

/**
 * Trains an encoder by masked-language modelling with AdamW under a warm-up + linear-decay schedule.
 *
 * Memory: every tensor a step creates is released within that step (tf.tidy), except the optimizer's
 * moments, which this trainer owns and frees in dispose(). The model belongs to the caller.
 * Synchronisation: values are read from the device once per step, with an awaited data() — never
 * dataSync(), which would block a worker's event loop (and is unsupported for some WebGPU reads).
 */
export class Trainer {
  readonly config: Readonly<TrainConfig>;
  private readonly optimizer: AdamW;
  private readonly dropoutSeedBase: number;
  private completedSteps = 0;
  private validationSet: MlmBatch[] | null = null;
  private busy = false;
  private disposed = false;

  constructor(
    private readonly model: Encoder,
    private readonly data: BatchSource,
    config: TrainConfig,
  ) {
    this.config = Object.freeze({ ...assertValidTrainConfig(config) });
    this.optimizer = new AdamW(model.trainableVariables, {
      beta1: config.beta1,
      beta2: config.beta2,
      epsilon: config.epsilon,
      weightDecay: config.weightDecay,
    });
    this.dropoutSeedBase = createRng(config.seed).fork();
  }

  /** Updates applied so far. */
  get stepCount(): number {
    return this.completedSteps;
  }

  /** The learning rate the schedule gives update number `update` (from 1). */
  learningRateFor(update: number): number {
    const { learningRate, warmupSteps, totalSteps } = this.config;
    const fraction = this.config.finalLearningRateFraction ?? DEFAULT_FINAL_LEARNING_RATE_FRACTION;
    return learningRateAt(update, { peakLearningRate: learningRate, warmupSteps, totalSteps, finalLearningRate: learningRate * fraction });
  }

  /**
   * One update on the next training batch. Throws TrainingDivergedError if the loss or the gradient norm
   * is not finite (the weights are then no longer usable).
   */
  async step(): Promise<StepReport> {
    this.assertUsable();
    this.busy = true;
    try {
      const update = this.completedSteps + 1;
      const learningRate = this.learningRateFor(update);
      const dropoutSeed = this.dropoutSeedFor(update);
      const started = performance.now();
      const batch = this.data.nextTrainBatch();
      this.checkBatch(batch, 'training');

      let lossTensor: tf.Scalar;
      let normTensor: tf.Scalar;
      let peakBytes: number | undefined;
      if (this.config.profileMemory) {
        const profile = await tf.profile(() => this.applyUpdate(batch, learningRate, dropoutSeed));
        [lossTensor, normTensor] = profile.result as tf.Scalar[];
        peakBytes = profile.peakBytes;
      } else {
        [lossTensor, normTensor] = this.applyUpdate(batch, learningRate, dropoutSeed);
      }
      let loss: number;
      let gradNorm: number;
      try {
        const [lossData, normData] = await Promise.all([lossTensor.data(), normTensor.data()]);
        loss = lossData[0];
        gradNorm = normData[0];
      } finally {
        tf.dispose([lossTensor, normTensor]);
      }
      const msPerStep = performance.now() - started;
      this.completedSteps = update;

      if (!Number.isFinite(loss)) throw new TrainingDivergedError(update, 'loss', loss, learningRate);
      if (!Number.isFinite(gradNorm)) throw new TrainingDivergedError(update, 'gradient norm', gradNorm, learningRate);

      const report: StepReport = {
        step: update,
        loss,
        learningRate,
        msPerStep,
        tokensPerSecond: (batch.batchSize * batch.seqLen) / (msPerStep / 1000),
        gradNorm,
        clipped: this.config.clipNorm > 0 && gradNorm > this.config.clipNorm,
        memory: this.memoryReport(peakBytes),
      };
      if (this.isEvaluationStep(update)) report.validation = await this.evaluateNow();
      return report;
    } finally {
      this.busy = false;
    }
  }

  /**
   * Loss and perplexity on the fixed validation batches, without dropout. Batches are weighted by their
   * number of predicted positions, so the result is the mean loss per predicted token over all of them
   * (not a mean of per-batch means, which would over-weight batches with few masked tokens).
   */
  async evaluate(): Promise<ValidationReport> {
    this.assertUsable();
    this.busy = true;
    try {
      return await this.evaluateNow();
    } finally {
      this.busy = false;
    }
  }

  /** Frees the optimizer state. The model is the caller's to dispose. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.optimizer.dispose();
  }

  /**
   * The fixed validation batches every evaluation scores (drawn once, on first use), so a baseline computed on
   * exactly the same positions can be compared with the model's perplexity.
   */
  validationBatches(): readonly MlmBatch[] {
    this.validationSet ??= this.data.validationBatches(this.config.evalBatches);
    return this.validationSet;
  }

  private async evaluateNow(): Promise<ValidationReport> {
    const batches = this.validationBatches();
    batches.forEach((batch) => this.checkBatch(batch, 'validation'));
    const counts = batches.map(predictedPositions);
    // One tidy per batch keeps only that batch's activations alive; the scalar losses are read together.
    const losses: tf.Tensor[] = [];
    let values: Float32Array | Int32Array | Uint8Array;
    try {
      for (const batch of batches) {
        losses.push(
          tf.tidy(() => {
            const { tokens, targets, weights, attentionMask } = batchTensors(batch);
            const { logits } = encoderForward(this.model, tokens, attentionMask, { training: false });
            return maskedLmLoss(logits, targets, weights);
          }),
        );
      }
      const stacked = tf.stack(losses);
      losses.push(stacked); // freed with the per-batch losses below
      values = await stacked.data();
    } finally {
      tf.dispose(losses);
    }
    let weightedSum = 0;
    let totalCount = 0;
    counts.forEach((count, i) => {
      if (count <= 0) return; // nothing was predicted in this batch, so it says nothing about the model
      weightedSum += values[i] * count;
      totalCount += count;
    });
    if (totalCount === 0) throw new Error('The validation batches contain no positions to predict.');
    const loss = weightedSum / totalCount;
    return { loss, perplexity: Math.exp(loss) };
  }

  /** Forward, backward, clip and AdamW update; returns the loss and the unclipped gradient norm. */
  private applyUpdate(batch: MlmBatch, learningRate: number, dropoutSeed: number): [tf.Scalar, tf.Scalar] {
    return tf.tidy(() => {
      const { tokens, targets, weights, attentionMask } = batchTensors(batch);
      const variables = this.model.trainableVariables;
      const { value, grads } = tf.variableGrads(() => {
        const { logits } = encoderForward(this.model, tokens, attentionMask, { training: true, dropoutSeed });
        return maskedLmLoss(logits, targets, weights);
      }, variables);
      // Variables not connected to the loss have no gradient; they are neither clipped nor updated.
      const names = variables.map((variable) => variable.name).filter((name) => grads[name] != null);
      // Clipping's factor is applied inside the optimizer's update (one multiply fewer per gradient).
      const { globalNorm, scale } = globalNormAndClipScale(
        names.map((name) => grads[name]),
        this.config.clipNorm,
      );
      this.optimizer.applyGradients(Object.fromEntries(names.map((name) => [name, grads[name]])), learningRate, scale ?? undefined);
      return [value, globalNorm];
    });
  }

  private isEvaluationStep(update: number): boolean {
    const { evalInterval, totalSteps } = this.config;
    return evalInterval > 0 && (update % evalInterval === 0 || update === totalSteps);
  }

  /** A seed per update, derived from the run seed, so dropout masks differ between steps yet repeat across runs. */
  private dropoutSeedFor(update: number): number {
    return createRng((this.dropoutSeedBase ^ Math.imul(update, 0x9e3779b1)) >>> 0).fork();
  }

  private memoryReport(peakBytes: number | undefined): MemoryReport {
    const memory = tf.memory() as BackendMemoryInfo;
    const report: MemoryReport = { numTensors: memory.numTensors, numBytes: memory.numBytes };
    if (memory.numBytesInGPU !== undefined) report.numBytesInGPU = memory.numBytesInGPU;
    if (memory.numBytesAllocatedInGPU !== undefined) report.numBytesAllocatedInGPU = memory.numBytesAllocatedInGPU;
    if (peakBytes !== undefined) report.peakBytes = peakBytes;
    return report;
  }

  private checkBatch(batch: MlmBatch, kind: string): void {
    const { seqLen } = this.model.config;
    if (batch.seqLen !== seqLen) {
      throw new Error(`A ${kind} batch has sequences of length ${batch.seqLen}, but the model was built for n = ${seqLen}.`);
    }
    const size = batch.batchSize * batch.seqLen;
    for (const field of ['tokens', 'targets', 'weights', 'attentionMask'] as const) {
      if (batch[field].length !== size) {
        throw new Error(`A ${kind} batch's ${field} has ${batch[field].length} entries for ${batch.batchSize}×${batch.seqLen}.`);
      }
    }
  }

  private assertUsable(): void {
    if (this.disposed) throw new Error('This trainer has been disposed.');
    if (this.busy) throw new Error('A training step or evaluation is already running; await it before starting another.');
  }
}

/** The batch as device tensors: int32 ids, float32 weights and mask, each [B, n]. */
/**
 * The batch on the device. A batch without padding (every window of running text) gets no mask: masking with all
 * ones changes no number, and leaving it out saves the kernels that apply it.
 */
function batchTensors(batch: MlmBatch) {
  const shape: [number, number] = [batch.batchSize, batch.seqLen];
  const padded = batch.attentionMask.some((value) => value !== 1);
  return {
    tokens: tf.tensor2d(batch.tokens, shape, 'int32'),
    targets: tf.tensor2d(batch.targets, shape, 'int32'),
    weights: tf.tensor2d(batch.weights, shape, 'float32'),
    attentionMask: padded ? tf.tensor2d(batch.attentionMask, shape, 'float32') : undefined,
  };
}
