/**
 * The small building blocks of the encoder, on 2-D [rows, features] activations (rows = batch · n), so
 * every weight product is a plain 2-D matMul whose gradient tfjs computes correctly.
 */
import * as tf from '@tensorflow/tfjs';
import { fusedEmbedding, fusedEmbeddingAvailable } from '../backend/fusedEmbedding';
import { fusedGelu, fusedGeluAvailable } from '../backend/fusedGelu';
import { fusedLayerNorm, fusedLayerNormAvailable } from '../backend/fusedLayerNorm';

export interface DenseWeights {
  kernel: tf.Variable<tf.Rank.R2>;
  bias: tf.Variable<tf.Rank.R1>;
}

export interface LayerNormWeights {
  gain: tf.Variable<tf.Rank.R1>;
  bias: tf.Variable<tf.Rank.R1>;
}

/** RoBERTa's layer-norm epsilon. */
const LAYER_NORM_EPSILON = 1e-5;

/**
 * x·W + b as tfjs's fused matMul: one kernel forward (the product with the bias added in place) on every backend,
 * where a matMul and an Add would be two; the backward is the same products and bias sum as the composed form's.
 */
export function dense(x: tf.Tensor2D, weights: DenseWeights): tf.Tensor2D {
  return tf.fused.matMul({ a: x, b: weights.kernel, bias: weights.bias }) as tf.Tensor2D;
}

/**
 * The rows of `table` [V, d] for int32 `ids` [rows] (an id outside the table gives zeros). On webgpu a gather with
 * a deterministic backward (fusedEmbedding.ts); elsewhere the one-hot product, whose gradient every backend has.
 */
export function embed(ids: tf.Tensor1D, table: tf.Tensor2D): tf.Tensor2D {
  const [vocabulary, width] = table.shape;
  if (fusedEmbeddingAvailable(ids.shape[0], vocabulary, width)) return fusedEmbedding(ids, table);
  return tf.tidy(() => tf.matMul(tf.oneHot(ids, vocabulary, 1, 0, 'float32'), table));
}

/**
 * Normalises each row to zero mean and unit variance, then applies the learned gain and bias. On webgpu this is the
 * app's fused kernel (one dispatch forward, three backward); elsewhere it is composed of tfjs ops.
 */
export function layerNorm(x: tf.Tensor2D, weights: LayerNormWeights): tf.Tensor2D {
  if (fusedLayerNormAvailable()) return fusedLayerNorm(x, weights.gain, weights.bias, LAYER_NORM_EPSILON);
  return tf.tidy(() => {
    const { mean, variance } = tf.moments(x, 1, true);
    const normalised = tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, LAYER_NORM_EPSILON)));
    return tf.add(tf.mul(normalised, weights.gain), weights.bias) as tf.Tensor2D;
  });
}

/**
 * GELU in its exact form, x·Φ(x), as BERT and RoBERTa use it (tfjs has no built-in GELU); on webgpu the app's fused
 * kernel (one dispatch forward, one backward).
 */
export function gelu<T extends tf.Tensor>(x: T): T {
  if (fusedGeluAvailable()) return fusedGelu(x);
  return tf.tidy(() => tf.mul(tf.mul(x, 0.5), tf.add(1, tf.erf(tf.mul(x, Math.SQRT1_2)))) as T);
}

/**
 * Inverted dropout while training; x itself at inference or when the rate is 0. Without a seed tfjs draws
 * its own, so pass one whenever a run must be reproducible.
 */
export function maybeDropout<T extends tf.Tensor>(x: T, rate: number, seed: number | undefined, training: boolean): T {
  if (!training || rate <= 0) return x;
  return tf.dropout(x, rate, undefined, seed) as T;
}
