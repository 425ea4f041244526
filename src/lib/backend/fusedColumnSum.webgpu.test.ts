import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../random';
import { leadingAxesReduced, MIN_COLUMNS } from './fusedColumnSum';
import { countWebGpuCalls } from './gpuCallCounts';
import { startNodeBackend, webGpuErrors } from './testing/nodeBackends';

/**
 * webgpu's Sum with the column-sum replacement for leading axes, against the cpu backend: the reductions the
 * replacement takes (bias and position-embedding gradients) and ones it hands back to tfjs, with and without
 * keepDims, and the fused matMul's bias gradient, which reaches it through tfjs's own gradient.
 */
beforeAll(async () => {
  await startNodeBackend('webgpu');
});

function randomTensor(shape: number[], seed: number): tf.Tensor {
  const rng = createRng(seed);
  return tf.tensor(Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.next() * 2 - 1), shape);
}

async function onBothBackends(compute: () => tf.Tensor[]): Promise<{ webgpu: Float32Array[]; cpu: Float32Array[]; shapes: number[][] }> {
  const run = async () => {
    const outputs = compute();
    const values = await Promise.all(outputs.map(async (t) => (await t.data()) as Float32Array));
    const shapes = outputs.map((t) => t.shape);
    tf.dispose(outputs);
    return { values, shapes };
  };
  webGpuErrors.length = 0;
  const webgpu = await run();
  expect(webGpuErrors).toEqual([]);
  await tf.setBackend('cpu');
  const cpu = await run();
  await tf.setBackend('webgpu');
  expect(webgpu.shapes).toEqual(cpu.shapes);
  return { webgpu: webgpu.values, cpu: cpu.values, shapes: cpu.shapes };
}

function expectClose(actual: Float32Array, expected: Float32Array): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((value, i) => expect(Math.abs(value - expected[i])).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(expected[i]))));
}

describe('leadingAxesReduced', () => {
  it('counts a prefix of axes, in any order and with negative axes, and rejects anything else', () => {
    expect(leadingAxesReduced(0, 3)).toBe(1);
    expect(leadingAxesReduced([1, 0], 3)).toBe(2);
    expect(leadingAxesReduced([-3, -2], 3)).toBe(2);
    expect(leadingAxesReduced([1], 3)).toBe(0);
    expect(leadingAxesReduced([0, 2], 3)).toBe(0);
    expect(leadingAxesReduced(-1, 2)).toBe(0);
  });
});

describe('webgpu Sum over leading axes', () => {
  const cases: { shape: number[]; axis: number | number[] }[] = [
    { shape: [4, 128, 64], axis: 0 }, // the position embeddings' gradient: many columns, few rows
    { shape: [1, 512, 64], axis: [0, 1] }, // a bias gradient
    { shape: [300, 81], axis: 0 },
    { shape: [5, 7, 40], axis: [-3, -2] },
    { shape: [64, MIN_COLUMNS - 1], axis: 0 }, // too few columns: tfjs's own kernel
    { shape: [6, 50], axis: 1 }, // the last axis: tfjs's own kernel
    { shape: [6, 50], axis: [0, 1] }, // everything: tfjs's own kernel
  ];
  for (const { shape, axis } of cases) {
    it(`matches the cpu backend summing ${shape.join('×')} over ${JSON.stringify(axis)}`, async () => {
      const { webgpu, cpu } = await onBothBackends(() => {
        const x = randomTensor(shape, 7);
        const sums = [tf.sum(x, axis), tf.sum(x, axis, true)];
        x.dispose();
        return sums;
      });
      webgpu.forEach((values, i) => expectClose(values, cpu[i]));
    });
  }

  it('takes one dispatch for a leading-axis sum, where tfjs transposes and then reduces (two)', async () => {
    const counts = countWebGpuCalls();
    const x = randomTensor([4, 128, 64], 1);
    await (await x.data()); // the upload is not the sum's
    const before = counts.dispatches;
    const sum = tf.sum(x, 0);
    const dispatches = counts.dispatches - before;
    await sum.data();
    tf.dispose([x, sum]);
    expect(dispatches).toBe(1);
  });

  it("gives the fused matMul's bias gradient, through tfjs's own gradient", async () => {
    const { webgpu, cpu } = await onBothBackends(() => {
      const a = randomTensor([96, 40], 1) as tf.Tensor2D;
      const b = randomTensor([40, 48], 2) as tf.Tensor2D;
      const bias = randomTensor([48], 3) as tf.Tensor1D;
      const weights = randomTensor([96, 48], 4);
      const grads = tf.grads((x: tf.Tensor, w: tf.Tensor, c: tf.Tensor) =>
        tf.sum(tf.mul(tf.fused.matMul({ a: x as tf.Tensor2D, b: w as tf.Tensor2D, bias: c }), weights)),
      )([a, b, bias]);
      tf.dispose([a, b, bias, weights]);
      return grads;
    });
    webgpu.forEach((values, i) => expectClose(values, cpu[i]));
  });
});
