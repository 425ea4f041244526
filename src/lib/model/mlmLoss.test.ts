import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../random';
import { maskedLmLoss, perplexity } from './mlmLoss';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const [B, N, V] = [2, 3, 5];

describe('maskedLmLoss', () => {
  it('is the weighted mean of −log softmax(target) over predicted positions, worked out with loops', async () => {
    const rng = createRng(11);
    const logitValues = Array.from({ length: B * N * V }, () => 3 * rng.normal());
    const targets = [
      [0, 4, 2],
      [1, 1, 3],
    ];
    const weights = [
      [1, 0, 1],
      [0, 1, 0.5],
    ];
    let total = 0;
    let weightSum = 0;
    for (let b = 0; b < B; b++)
      for (let i = 0; i < N; i++) {
        const row = logitValues.slice((b * N + i) * V, (b * N + i + 1) * V);
        const logSumExp = Math.log(row.reduce((sum, x) => sum + Math.exp(x), 0));
        total += weights[b][i] * (logSumExp - row[targets[b][i]]);
        weightSum += weights[b][i];
      }
    const logits = tf.tensor3d(logitValues, [B, N, V]);
    const targetTensor = tf.tensor2d(targets, undefined, 'int32');
    const weightTensor = tf.tensor2d(weights);
    const loss = maskedLmLoss(logits, targetTensor, weightTensor);
    expect((await loss.data())[0]).toBeCloseTo(total / weightSum, 5);
    tf.dispose([logits, targetTensor, weightTensor, loss]);
  });

  it('stays finite for huge logits and ignores unweighted positions entirely', async () => {
    // Position (0, 1) is unweighted and holds a logit that would overflow exp in float32.
    const values = new Float32Array(B * N * V);
    values[(0 * N + 1) * V + 2] = 1e30;
    values[(1 * N + 0) * V + 3] = 500; // predicted, and correct by a wide margin
    const logits = tf.tensor3d(values, [B, N, V]);
    const targets = tf.tensor2d([[0, 0, 0], [3, 0, 0]], undefined, 'int32');
    const weights = tf.tensor2d([[0, 0, 0], [1, 0, 0]]);
    const loss = maskedLmLoss(logits, targets, weights);
    // log(1 + 4·e^−500) is 0 in float32 (the sign of the zero does not matter).
    expect(Math.abs((await loss.data())[0])).toBe(0);
    const nothing = tf.zeros([B, N]) as tf.Tensor2D;
    const empty = maskedLmLoss(logits, targets, nothing);
    expect(Math.abs((await empty.data())[0])).toBe(0);
    tf.dispose([logits, targets, weights, loss, nothing, empty]);
  });

  it('equals ln V for uniform logits, whose perplexity is then V', async () => {
    const logits = tf.zeros([B, N, V]) as tf.Tensor3D;
    const targets = tf.tensor2d([[0, 1, 2], [3, 4, 0]], undefined, 'int32');
    const weights = tf.ones([B, N]) as tf.Tensor2D;
    const loss = maskedLmLoss(logits, targets, weights);
    const value = (await loss.data())[0];
    expect(value).toBeCloseTo(Math.log(V), 6);
    expect(perplexity(value)).toBeCloseTo(V, 4);
    tf.dispose([logits, targets, weights, loss]);
  });
});
