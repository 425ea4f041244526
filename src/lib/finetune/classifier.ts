/**
 * A sentence classifier on top of the encoder: pool the final hidden states to one vector per sentence, then
 * one dense layer to class logits (as RoBERTa's classification head does, without its extra hidden layer,
 * which a d = 32 model does not need).
 */
import * as tf from '@tensorflow/tfjs';
import { encoderHiddenStates, type Encoder } from '../model/encoder';
import { createRng } from '../random';
import type { Pooling } from './pooling';

export { POOLINGS, type Pooling } from './pooling';

export interface ClassifierHead {
  readonly classes: number;
  /** [dModel, classes] */
  readonly kernel: tf.Variable<tf.Rank.R2>;
  /** [classes] */
  readonly bias: tf.Variable<tf.Rank.R1>;
  dispose(): void;
}

/** A fresh head: weights N(0, 0.02²) from `seed` (the encoder's init), bias 0. */
export function createClassifierHead(dModel: number, classes: number, seed: number): ClassifierHead {
  if (!Number.isInteger(classes) || classes < 2)
    throw new Error(`A classifier needs at least 2 classes (got ${classes}).`);
  const rng = createRng(seed);
  const values = Float32Array.from({ length: dModel * classes }, () => 0.02 * rng.normal());
  // tf.variable copies its initial value, so the initial tensors are freed at once. No tfjs names: those are global.
  const kernel = tf.tidy(() => tf.variable(tf.tensor2d(values, [dModel, classes]), true));
  const bias = tf.tidy(() => tf.variable(tf.zeros([classes]), true)) as tf.Variable<tf.Rank.R1>;
  return {
    classes,
    kernel: kernel as tf.Variable<tf.Rank.R2>,
    bias,
    dispose: () => {
      kernel.dispose();
      bias.dispose();
    },
  };
}

/** Pools hidden states [batch, n, d] with the padding mask [batch, n] to [batch, d]. */
export function poolHidden(hidden: tf.Tensor3D, mask: tf.Tensor2D, pooling: Pooling): tf.Tensor2D {
  return tf.tidy(() => {
    const [batch, , d] = hidden.shape;
    if (pooling === 'first') return tf.reshape(tf.slice(hidden, [0, 0, 0], [batch, 1, d]), [batch, d]) as tf.Tensor2D;
    const weights = tf.expandDims(mask, 2);
    const sums = tf.sum(tf.mul(hidden, weights), 1);
    // Every encoded sentence has its summary slot, so no row counts zero real positions; the floor of 1 only
    // guards hand-made batches.
    const counts = tf.maximum(tf.sum(weights, 1), 1);
    return tf.div(sums, counts) as tf.Tensor2D;
  });
}

export interface ClassifierInput {
  tokens: tf.Tensor2D;
  mask: tf.Tensor2D;
}

/** Class logits [batch, classes] for a batch of sentences; intermediate tensors are freed. */
export function classifierLogits(
  encoder: Encoder,
  head: ClassifierHead,
  input: ClassifierInput,
  pooling: Pooling,
  options: { training: boolean; dropoutSeed?: number },
): tf.Tensor2D {
  return tf.tidy(() => {
    const { hidden } = encoderHiddenStates(encoder, input.tokens, input.mask, options);
    const pooled = poolHidden(hidden, input.mask, pooling);
    return tf.add(tf.matMul(pooled, head.kernel), head.bias) as tf.Tensor2D;
  });
}

/** Mean softmax cross-entropy of logits [batch, classes] against integer labels [batch]. */
export function classificationLoss(logits: tf.Tensor2D, labels: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => {
    const logProbs = tf.logSoftmax(logits);
    const oneHot = tf.oneHot(tf.cast(labels, 'int32'), logits.shape[1]);
    return tf.neg(tf.mean(tf.sum(tf.mul(oneHot, logProbs), 1))) as tf.Scalar;
  });
}
