/**
 * Fine-tunes an encoder and a classifier head on labelled sentences: AdamW on every weight the loss reaches,
 * the warm-up + linear-decay schedule and global-norm clipping of masked-LM training (src/lib/train), batches
 * drawn epoch by epoch in a seeded order.
 *
 * Memory: the trainer owns the head and the optimizer state (freed by dispose()); the encoder is the caller's.
 * Every step's and evaluation's tensors are freed within it; values are read back with awaited data().
 */
import * as tf from '@tensorflow/tfjs';
import type { Encoder } from '../model/encoder';
import { createRng, shuffleInPlace, type Rng } from '../random';
import { AdamW } from '../train/adamw';
import { globalNormAndClipScale } from '../train/clipByGlobalNorm';
import { TrainingDivergedError } from '../train/errors';
import { learningRateAt } from '../train/schedule';
import { accuracy, argmaxRows } from './accuracy';
import {
  classificationLoss,
  classifierLogits,
  createClassifierHead,
  type ClassifierHead,
  type Pooling,
} from './classifier';
import { encoderBodyVariables } from './copyEncoder';
import { selectRows, type EncodedExamples } from './encodeExamples';

export interface FineTuneConfig {
  pooling: Pooling;
  classes: number;
  batchSize: number;
  totalSteps: number;
  learningRate: number;
  /** Updates of linear warm-up (default: a tenth of totalSteps, as RoBERTa's GLUE recipe uses 6%). */
  warmupSteps?: number;
  weightDecay?: number;
  clipNorm?: number;
  /** Seeds the head's weights, the batch order and dropout. */
  seed: number;
}

export interface FineTuneStep {
  step: number;
  loss: number;
  learningRate: number;
  /** Fraction of this batch the model got right before the update. */
  batchAccuracy: number;
}

export interface FineTuneEvaluation {
  accuracy: number;
  /** Mean cross-entropy over the examples. */
  loss: number;
  predictions: Int32Array;
}

export function fineTuneConfigProblems(config: FineTuneConfig): string[] {
  const problems: string[] = [];
  const positiveInt = (name: string, value: number) => {
    if (!Number.isInteger(value) || value < 1) problems.push(`${name} must be a positive whole number (got ${value}).`);
  };
  positiveInt('Batch size', config.batchSize);
  positiveInt('Steps', config.totalSteps);
  if (!(config.learningRate > 0 && config.learningRate < 1))
    problems.push(`The learning rate must be between 0 and 1 (got ${config.learningRate}).`);
  if (config.pooling !== 'first' && config.pooling !== 'mean')
    problems.push(`Unknown pooling ${JSON.stringify(config.pooling)}.`);
  if (!Number.isInteger(config.classes) || config.classes < 2)
    problems.push(`A classifier needs at least 2 classes (got ${config.classes}).`);
  return problems;
}

export class FineTuner {
  readonly head: ClassifierHead;
  private readonly optimizer: AdamW;
  private readonly variables: tf.Variable[];
  private readonly order: Rng;
  private readonly dropoutSeeds: Rng;
  private queue: number[] = [];
  private completed = 0;
  private disposed = false;

  constructor(
    private readonly encoder: Encoder,
    private readonly train: EncodedExamples,
    readonly config: FineTuneConfig,
  ) {
    const problems = fineTuneConfigProblems(config);
    if (problems.length > 0) throw new Error(problems.join(' '));
    if (train.count === 0) throw new Error('Fine-tuning needs at least one training example.');
    if (train.seqLen !== encoder.config.seqLen)
      throw new Error(`Examples are encoded for n = ${train.seqLen}, the model has n = ${encoder.config.seqLen}.`);
    const rng = createRng(config.seed);
    this.head = createClassifierHead(encoder.config.dModel, config.classes, rng.fork());
    this.order = createRng(rng.fork());
    this.dropoutSeeds = createRng(rng.fork());
    this.variables = [...encoderBodyVariables(encoder), this.head.kernel, this.head.bias];
    this.optimizer = new AdamW(this.variables, {
      beta1: 0.9,
      beta2: 0.98,
      epsilon: 1e-6,
      weightDecay: config.weightDecay ?? 0.01,
    });
  }

  get stepCount(): number {
    return this.completed;
  }

  learningRateFor(update: number): number {
    const { learningRate, totalSteps } = this.config;
    const warmupSteps = this.config.warmupSteps ?? Math.floor(totalSteps / 10);
    return learningRateAt(update, { peakLearningRate: learningRate, warmupSteps, totalSteps, finalLearningRate: 0 });
  }

  async step(): Promise<FineTuneStep> {
    this.assertUsable();
    const update = this.completed + 1;
    const learningRate = this.learningRateFor(update);
    const batch = selectRows(this.train, this.nextIndices());
    const dropoutSeed = this.dropoutSeeds.fork();
    const [lossTensor, logitsTensor] = tf.tidy(() => {
      const input = inputTensors(batch);
      const labels = tf.tensor1d(batch.labels, 'int32');
      let logits: tf.Tensor2D | null = null;
      const { value, grads } = tf.variableGrads(() => {
        // Kept past the gradient tape's own tidy, to score the batch; disposed after its read-back below.
        logits = tf.keep(
          classifierLogits(this.encoder, this.head, input, this.config.pooling, { training: true, dropoutSeed }),
        );
        return classificationLoss(logits, labels);
      }, this.variables);
      const names = this.variables.map((variable) => variable.name).filter((name) => grads[name] != null);
      const { scale } = globalNormAndClipScale(
        names.map((name) => grads[name]),
        this.config.clipNorm ?? 1,
      );
      this.optimizer.applyGradients(Object.fromEntries(names.map((name) => [name, grads[name]])), learningRate, scale ?? undefined);
      return [value, logits!] as [tf.Scalar, tf.Tensor2D];
    });
    let loss: number;
    let logits: Float32Array | Int32Array | Uint8Array;
    try {
      [loss, logits] = await Promise.all([lossTensor.data().then((data) => data[0]), logitsTensor.data()]);
    } finally {
      tf.dispose([lossTensor, logitsTensor]);
    }
    this.completed = update;
    if (!Number.isFinite(loss)) throw new TrainingDivergedError(update, 'loss', loss, learningRate);
    return {
      step: update,
      loss,
      learningRate,
      batchAccuracy: accuracy(argmaxRows(logits, this.config.classes), batch.labels),
    };
  }

  /** Accuracy and loss on `examples` without dropout, in batches of `batchSize`. */
  async evaluate(examples: EncodedExamples, batchSize = 64): Promise<FineTuneEvaluation> {
    this.assertUsable();
    const { classes } = this.config;
    const predictions = new Int32Array(examples.count);
    let lossSum = 0;
    for (let start = 0; start < examples.count; start += batchSize) {
      const indices = Array.from({ length: Math.min(batchSize, examples.count - start) }, (_, i) => start + i);
      const batch = selectRows(examples, indices);
      const [logitsTensor, lossTensor] = tf.tidy(() => {
        const logits = classifierLogits(this.encoder, this.head, inputTensors(batch), this.config.pooling, {
          training: false,
        });
        return [logits, classificationLoss(logits, tf.tensor1d(batch.labels, 'int32'))];
      });
      try {
        const [logits, loss] = await Promise.all([logitsTensor.data(), lossTensor.data()]);
        predictions.set(argmaxRows(logits, classes), start);
        lossSum += loss[0] * indices.length;
      } finally {
        tf.dispose([logitsTensor, lossTensor]);
      }
    }
    return { accuracy: accuracy(predictions, examples.labels), loss: lossSum / examples.count, predictions };
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.optimizer.dispose();
    this.head.dispose();
  }

  /** The next batch's rows: each epoch visits every example once, in a fresh seeded order. */
  private nextIndices(): number[] {
    const indices: number[] = [];
    while (indices.length < this.config.batchSize) {
      if (this.queue.length === 0)
        this.queue = shuffleInPlace(
          Array.from({ length: this.train.count }, (_, i) => i),
          this.order,
        );
      indices.push(this.queue.pop()!);
    }
    return indices;
  }

  private assertUsable(): void {
    if (this.disposed) throw new Error('This fine-tuner has been disposed.');
  }
}

function inputTensors(batch: EncodedExamples) {
  const shape: [number, number] = [batch.count, batch.seqLen];
  return { tokens: tf.tensor2d(batch.tokens, shape, 'int32'), mask: tf.tensor2d(batch.mask, shape, 'float32') };
}
