import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { fusedGeluAvailable } from '../backend/fusedGelu';
import { startNodeBackend, webGpuErrors } from '../backend/testing/nodeBackends';
import { gelu } from './layers';

/** The fused WebGPU GELU, forward and backward, against the composed one on the cpu backend. */
beforeAll(async () => {
  await startNodeBackend('webgpu');
});

// From deep in both tails through 0, where erf changes sign, to where Φ saturates.
const INPUTS = Array.from({ length: 401 }, (_, i) => -10 + i * 0.05);

async function evaluate(): Promise<Float32Array[]> {
  const x = tf.tensor2d(INPUTS, [1, INPUTS.length]);
  const weights = tf.tensor2d(INPUTS.map((_, i) => Math.cos(i)), [1, INPUTS.length]);
  const y = gelu(x);
  const dx = tf.grad((input: tf.Tensor) => tf.sum(tf.mul(gelu(input), weights)))(x);
  const values = [(await y.data()) as Float32Array, (await dx.data()) as Float32Array];
  tf.dispose([x, weights, y, dx]);
  return values;
}

describe('fused GELU on WebGPU', () => {
  it('matches the composed GELU on the cpu backend, values and gradients, from −10 to 10', async () => {
    expect(fusedGeluAvailable()).toBe(true);
    webGpuErrors.length = 0;
    const [y, dx] = await evaluate();
    expect(webGpuErrors).toEqual([]);
    await tf.setBackend('cpu');
    expect(fusedGeluAvailable()).toBe(false);
    const [yReference, dxReference] = await evaluate();
    await tf.setBackend('webgpu');
    y.forEach((value, i) => expect(Math.abs(value - yReference[i])).toBeLessThanOrEqual(2e-6 * Math.max(1, Math.abs(yReference[i]))));
    dx.forEach((value, i) => expect(Math.abs(value - dxReference[i])).toBeLessThanOrEqual(2e-6 * Math.max(1, Math.abs(dxReference[i]))));
  });

  it('leaks no tensor', async () => {
    const before = tf.memory().numTensors;
    await evaluate();
    expect(tf.memory().numTensors).toBe(before);
  });
});
