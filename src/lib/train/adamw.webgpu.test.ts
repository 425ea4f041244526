import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { fusedAdamWAvailable } from '../backend/fusedAdamW';
import { startNodeBackend, webGpuErrors } from '../backend/testing/nodeBackends';
import { createRng } from '../random';
import { AdamW, type AdamWOptions } from './adamw';

/**
 * The fused WebGPU AdamW (two kernels per parameter) against the composed one on the cpu backend, the reference:
 * the same parameters, gradients and learning rates for several updates, with and without weight decay.
 */
beforeAll(async () => {
  await startNodeBackend('webgpu');
});

const OPTIONS: AdamWOptions = { beta1: 0.9, beta2: 0.98, epsilon: 1e-6, weightDecay: 0.01 };
const SHAPES = [[5, 7], [7], [3, 4, 2], [130, 3]];
const LEARNING_RATES = [1e-3, 5e-3, 1e-2, 2e-3, 5e-4, 1e-2];

function randomValues(seed: number, size: number, scale: number): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: size }, () => (rng.next() * 2 - 1) * scale);
}

/** Runs the updates on the active backend and returns every parameter's final values. */
async function train(scaled = false): Promise<Float32Array[]> {
  const parameters = SHAPES.map((shape, i) =>
    tf.variable(tf.tensor(randomValues(10 + i, shape.reduce((a, b) => a * b, 1), 1), shape), true, `p${i}`),
  );
  const optimizer = new AdamW(parameters, OPTIONS);
  LEARNING_RATES.forEach((learningRate, update) => {
    // Gradients of very different scales per update, so the moments and bias corrections all matter.
    const gradients = Object.fromEntries(
      parameters.map((parameter, i) => [parameter.name, tf.tensor(randomValues(100 * update + i, parameter.size, 10 ** (update % 3 - 1)), parameter.shape)]),
    );
    // A clipping factor, as the trainer passes it, on every other update when asked for.
    const scale = scaled && update % 2 === 0 ? tf.scalar(0.37) : undefined;
    optimizer.applyGradients(gradients, learningRate, scale);
    tf.dispose([...Object.values(gradients), ...(scale ? [scale] : [])]);
  });
  const values = await Promise.all(parameters.map(async (parameter) => (await parameter.data()) as Float32Array));
  optimizer.dispose();
  tf.dispose(parameters);
  return values;
}

describe('fused AdamW on WebGPU', () => {
  for (const scaled of [false, true]) {
    it(`is used on webgpu and matches the composed AdamW on the cpu backend to float32 rounding${scaled ? ', gradients scaled by a clip factor' : ''}`, async () => {
      expect(fusedAdamWAvailable()).toBe(true);
      webGpuErrors.length = 0;
      const fused = await train(scaled);
      expect(webGpuErrors).toEqual([]);
      await tf.setBackend('cpu');
      expect(fusedAdamWAvailable()).toBe(false);
      const reference = await train(scaled);
      await tf.setBackend('webgpu');
      fused.forEach((values, p) => {
        values.forEach((value, i) => expect(Math.abs(value - reference[p][i])).toBeLessThan(1e-6 * Math.max(1, Math.abs(reference[p][i]))));
      });
    });
  }

  it('repeats bit for bit on the same backend', async () => {
    const first = await train();
    const second = await train();
    first.forEach((values, p) => expect([...values]).toEqual([...second[p]]));
  });

  it('takes two dispatches per parameter and leaks no tensor', async () => {
    const parameters = SHAPES.map((shape) => tf.variable(tf.ones(shape)));
    const optimizer = new AdamW(parameters, OPTIONS);
    const gradients = Object.fromEntries(parameters.map((parameter) => [parameter.name, tf.onesLike(parameter)]));
    optimizer.applyGradients(gradients, 1e-3); // compiles the pipelines
    const api = globalThis as unknown as { GPUComputePassEncoder: { prototype: { dispatchWorkgroups: (...args: unknown[]) => void } } };
    const original = api.GPUComputePassEncoder.prototype.dispatchWorkgroups;
    let dispatches = 0;
    api.GPUComputePassEncoder.prototype.dispatchWorkgroups = function (this: unknown, ...args: unknown[]) {
      dispatches++;
      return original.apply(this, args);
    };
    const tensorsBefore = tf.memory().numTensors;
    try {
      optimizer.applyGradients(gradients, 1e-3);
      await parameters[0].data(); // flushes the queue
    } finally {
      api.GPUComputePassEncoder.prototype.dispatchWorkgroups = original;
    }
    expect(dispatches).toBe(2 * parameters.length);
    expect(tf.memory().numTensors).toBe(tensorsBefore);
    optimizer.dispose();
    tf.dispose([...parameters, ...Object.values(gradients)]);
  });
});
