import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { fusedLayerNormAvailable } from '../backend/fusedLayerNorm';
import { startNodeBackend, webGpuErrors } from '../backend/testing/nodeBackends';
import { createRng } from '../random';
import { layerNorm } from './layers';

/**
 * The fused WebGPU layer norm (forward and its three backward kernels) against the composed one on the cpu backend:
 * values and the gradients of a weighted sum of the output with respect to x, gain and bias.
 */
beforeAll(async () => {
  await startNodeBackend('webgpu');
});

function randomValues(seed: number, size: number, scale = 1, offset = 0): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: size }, () => offset + (rng.next() * 2 - 1) * scale);
}

/** Output and gradients of Σ w·LayerNorm(x) on the active backend. */
async function evaluate(rows: number, cols: number): Promise<Float32Array[]> {
  const x = tf.tensor2d(randomValues(1, rows * cols, 3, 0.5), [rows, cols]);
  const gain = tf.tensor1d(randomValues(2, cols, 0.5, 1));
  const bias = tf.tensor1d(randomValues(3, cols, 0.2));
  const weights = tf.tensor2d(randomValues(4, rows * cols), [rows, cols]);
  const output = layerNorm(x, { gain, bias } as never);
  const gradients = tf.grads((a: tf.Tensor, g: tf.Tensor, b: tf.Tensor) =>
    tf.sum(tf.mul(layerNorm(a as tf.Tensor2D, { gain: g, bias: b } as never), weights)),
  )([x, gain, bias]);
  const values = await Promise.all([output, ...gradients].map(async (t) => (await t.data()) as Float32Array));
  tf.dispose([x, gain, bias, weights, output, ...gradients]);
  return values;
}

function expectClose(actual: Float32Array, expected: Float32Array, tolerance: number): void {
  expect(actual.length).toBe(expected.length);
  const scale = Math.max(...expected.map(Math.abs));
  actual.forEach((value, i) => expect(Math.abs(value - expected[i])).toBeLessThanOrEqual(tolerance * scale));
}

describe('fused layer norm on WebGPU', () => {
  for (const [rows, cols] of [
    [6, 5],
    [130, 64],
    [3, 257],
  ]) {
    it(`matches the composed layer norm on the cpu backend, values and gradients, at ${rows}×${cols}`, async () => {
      expect(fusedLayerNormAvailable()).toBe(true);
      webGpuErrors.length = 0;
      const fused = await evaluate(rows, cols);
      expect(webGpuErrors).toEqual([]);
      await tf.setBackend('cpu');
      expect(fusedLayerNormAvailable()).toBe(false);
      const reference = await evaluate(rows, cols);
      await tf.setBackend('webgpu');
      const [y, dx, dGain, dBias] = fused;
      expectClose(y, reference[0], 1e-5);
      expectClose(dx, reference[1], 1e-4);
      expectClose(dGain, reference[2], 1e-5);
      expectClose(dBias, reference[3], 1e-5);
    });
  }

  it('repeats bit for bit and leaks no tensor', async () => {
    const before = tf.memory().numTensors;
    const first = await evaluate(40, 16);
    const second = await evaluate(40, 16);
    first.forEach((values, i) => expect([...values]).toEqual([...second[i]]));
    expect(tf.memory().numTensors).toBe(before);
  });
});
