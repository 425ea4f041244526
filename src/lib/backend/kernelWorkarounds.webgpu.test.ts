import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { installKernelWorkarounds } from './kernelWorkarounds';
import { startNodeBackend, webGpuErrors } from './testing/nodeBackends';

// The reproduction runs first, on tfjs's own kernel; then the workaround is installed and the same sums are right.
beforeAll(async () => {
  await startNodeBackend('webgpu', { workarounds: false });
});

const oneToTwenty = () => Array.from({ length: 20 }, (_, i) => tf.scalar(i + 1));

describe('AddN on WebGPU', () => {
  it('reproduces the tfjs 4.22 bug: over 7 inputs the pipeline is invalid and the sum is stale', async () => {
    const sum = tf.tidy(() => tf.addN(oneToTwenty()));
    const value = (await sum.data())[0];
    sum.dispose();
    expect(value).not.toBe(210);
    expect(webGpuErrors.some((message) => message.includes('AddN'))).toBe(true);
  });

  it('sums any number of inputs once the workaround is installed, with no validation error', async () => {
    installKernelWorkarounds();
    webGpuErrors.length = 0;
    for (const count of [2, 7, 8, 20, 41, 64]) {
      const inputs = Array.from({ length: count }, (_, i) => tf.fill([3, 5], i + 1));
      const sum = tf.addN(inputs);
      const values = await sum.data();
      expect([...values]).toEqual(new Array(15).fill((count * (count + 1)) / 2));
      tf.dispose([...inputs, sum]);
    }
    expect(webGpuErrors).toEqual([]);
  });

  it('frees its partial sums', async () => {
    const inputs = oneToTwenty();
    const before = tf.memory().numTensors;
    const sum = tf.addN(inputs);
    await sum.data();
    expect(tf.memory().numTensors).toBe(before + 1);
    tf.dispose([...inputs, sum]);
  });

  it('keeps concat and stack of many inputs right (tfjs splits those itself)', async () => {
    const inputs = oneToTwenty();
    const stacked = tf.stack(inputs);
    const joined = tf.concat(inputs.map((x) => x.reshape([1])));
    expect([...(await stacked.data())]).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect([...(await joined.data())]).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    tf.dispose([...inputs, stacked, joined]);
    expect(webGpuErrors).toEqual([]);
  });
});
