import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { clipByGlobalNorm } from './clipByGlobalNorm';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** The joint Euclidean norm of several tensors, read back and computed in float64. */
async function jointNorm(tensors: tf.Tensor[]): Promise<number> {
  let sum = 0;
  for (const tensor of tensors) for (const value of await tensor.data()) sum += value * value;
  return Math.sqrt(sum);
}

describe('clipByGlobalNorm', () => {
  // [3, 4] and [[12]]: the joint norm is √(9 + 16 + 144) = 13.
  const make = () => [tf.tensor1d([3, 4]), tf.tensor2d([[12]])];

  it('scales every gradient by one factor so the joint norm is exactly maxNorm', async () => {
    const gradients = make();
    const { clipped, globalNorm } = clipByGlobalNorm(gradients, 6.5);
    expect(await globalNorm.data()).toEqual(new Float32Array([13]));
    expect(Array.from(await clipped[0].data())).toEqual([1.5, 2]);
    expect(Array.from(await clipped[1].data())).toEqual([6]);
    expect(clipped[1].shape).toEqual([1, 1]);
    expect(await jointNorm(clipped)).toBeCloseTo(6.5, 6);
    tf.dispose([...gradients, ...clipped, globalNorm]);
  });

  it('leaves gradients within the bound unchanged', async () => {
    const gradients = make();
    const { clipped, globalNorm } = clipByGlobalNorm(gradients, 20);
    expect(Array.from(await clipped[0].data())).toEqual([3, 4]);
    expect(Array.from(await clipped[1].data())).toEqual([12]);
    expect((await globalNorm.data())[0]).toBe(13);
    tf.dispose([...gradients, ...clipped, globalNorm]);
  });

  it('only measures when clipping is off (maxNorm ≤ 0)', async () => {
    const gradients = make();
    const { clipped, globalNorm } = clipByGlobalNorm(gradients, 0);
    expect(await jointNorm(clipped)).toBe(13);
    expect((await globalNorm.data())[0]).toBe(13);
    tf.dispose([...gradients, ...clipped, globalNorm]);
  });

  it('creates only the tensors it returns', () => {
    const gradients = make();
    const before = tf.memory().numTensors;
    const { clipped, globalNorm } = clipByGlobalNorm(gradients, 1);
    expect(tf.memory().numTensors).toBe(before + clipped.length + 1);
    tf.dispose([...clipped, globalNorm]);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose(gradients);
  });
});
