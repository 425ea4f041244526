import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { fusedSoftmaxAvailable } from '../backend/fusedSoftmax';
import { startNodeBackend, webGpuErrors } from '../backend/testing/nodeBackends';
import { createRng } from '../random';
import { scaledSoftmax } from './attention';

/**
 * Attention's fused WebGPU softmax (scale and padding mask folded in, forward and backward) against the composed
 * one on the cpu backend: probabilities, and the gradient of a weighted sum of them with respect to the logits.
 */
beforeAll(async () => {
  await startNodeBackend('webgpu');
});

function randomValues(seed: number, size: number, scale: number): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: size }, () => (rng.next() * 2 - 1) * scale);
}

/** A [batch, m] mask with a different amount of padding per sequence; the last sequence is all padding. */
function paddingMask(batch: number, m: number): tf.Tensor2D {
  const values = new Float32Array(batch * m);
  for (let b = 0; b < batch; b++) {
    const tokens = b === batch - 1 ? 0 : m - ((b * 3) % m);
    for (let j = 0; j < tokens; j++) values[b * m + j] = 1;
  }
  return tf.tensor2d(values, [batch, m]);
}

async function evaluate(shape: [number, number, number, number], scale: number, masked: boolean): Promise<Float32Array[]> {
  const size = shape.reduce((a, b) => a * b, 1);
  const logits = tf.tensor4d(randomValues(1, size, 6), shape);
  const weights = tf.tensor4d(randomValues(2, size, 1), shape);
  const mask = masked ? paddingMask(shape[0], shape[3]) : undefined;
  const probs = scaledSoftmax(logits, scale, mask);
  const dLogits = tf.grad((x: tf.Tensor) => tf.sum(tf.mul(scaledSoftmax(x as tf.Tensor4D, scale, mask), weights)))(logits);
  const values = [(await probs.data()) as Float32Array, (await dLogits.data()) as Float32Array];
  tf.dispose([logits, weights, probs, dLogits, ...(mask ? [mask] : [])]);
  return values;
}

function expectClose(actual: Float32Array, expected: Float32Array, tolerance: number): void {
  expect(actual.length).toBe(expected.length);
  const scale = Math.max(...expected.map(Math.abs));
  actual.forEach((value, i) => expect(Math.abs(value - expected[i])).toBeLessThanOrEqual(tolerance * scale));
}

describe("attention's fused softmax on WebGPU", () => {
  const cases: { shape: [number, number, number, number]; masked: boolean }[] = [
    { shape: [3, 2, 7, 7], masked: true }, // standard attention over n keys, with padding
    { shape: [2, 3, 16, 5], masked: false }, // Linformer: n queries over k compressed keys
    { shape: [2, 1, 3, 300], masked: true }, // long rows
  ];
  for (const { shape, masked } of cases) {
    it(`matches the composed softmax on the cpu backend at ${shape.join('×')}${masked ? ', masked' : ''}`, async () => {
      expect(fusedSoftmaxAvailable()).toBe(true);
      webGpuErrors.length = 0;
      const [probs, dLogits] = await evaluate(shape, 0.35, masked);
      expect(webGpuErrors).toEqual([]);
      await tf.setBackend('cpu');
      expect(fusedSoftmaxAvailable()).toBe(false);
      const [probsReference, dLogitsReference] = await evaluate(shape, 0.35, masked);
      await tf.setBackend('webgpu');
      expectClose(probs, probsReference, 1e-6);
      expectClose(dLogits, dLogitsReference, 1e-6);
      if (masked) {
        // Padded keys get exactly 0, and an all-padding sequence's rows are all 0, as in the composed form.
        probsReference.forEach((value, i) => {
          if (value === 0) expect(probs[i]).toBe(0);
        });
      }
    });
  }

  it('repeats bit for bit and leaks no tensor', async () => {
    const before = tf.memory().numTensors;
    const first = await evaluate([2, 2, 9, 9], 0.5, true);
    const second = await evaluate([2, 2, 9, 9], 0.5, true);
    first.forEach((values, i) => expect([...values]).toEqual([...second[i]]));
    expect(tf.memory().numTensors).toBe(before);
  });
});
