import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { fusedSumOfSquaresAvailable } from '../backend/fusedSumOfSquares';
import { startNodeBackend, webGpuErrors } from '../backend/testing/nodeBackends';
import { createRng } from '../random';
import { globalNormAndClipScale } from './clipByGlobalNorm';

/**
 * The global gradient norm on WebGPU, summed by the fused sum-of-squares kernel a group of tensors per dispatch,
 * against the composed sum on the cpu backend; 20 tensors of assorted sizes make several groups and an AddN.
 */
beforeAll(async () => {
  await startNodeBackend('webgpu');
});

const SIZES = Array.from({ length: 20 }, (_, i) => [1, 3, 64, 65, 1000, 4099][i % 6] + i);

async function normAndScale(maxNorm: number): Promise<number[]> {
  const tensors = SIZES.map((size, i) => {
    const rng = createRng(i + 1);
    return tf.tensor1d(Float32Array.from({ length: size }, () => rng.next() * 2 - 1));
  });
  const { globalNorm, scale } = globalNormAndClipScale(tensors, maxNorm);
  const values = [(await globalNorm.data())[0], scale ? (await scale.data())[0] : NaN];
  tf.dispose([...tensors, globalNorm, ...(scale ? [scale] : [])]);
  return values;
}

describe('global gradient norm on WebGPU', () => {
  it('matches the composed norm on the cpu backend, with and without clipping', async () => {
    expect(fusedSumOfSquaresAvailable()).toBe(true);
    webGpuErrors.length = 0;
    const fused = [await normAndScale(5), await normAndScale(0)];
    expect(webGpuErrors).toEqual([]);
    await tf.setBackend('cpu');
    const reference = [await normAndScale(5), await normAndScale(0)];
    await tf.setBackend('webgpu');
    expect(reference[0][0]).toBeGreaterThan(5); // so the scale is below 1
    expect(Math.abs(fused[0][0] - reference[0][0]) / reference[0][0]).toBeLessThan(1e-6);
    expect(Math.abs(fused[0][1] - reference[0][1]) / reference[0][1]).toBeLessThan(1e-6);
    expect(fused[1][1]).toBeNaN(); // no scale when clipping is off
    expect(fused[1][0]).toBeCloseTo(reference[1][0], 4);
  });

  it('repeats bit for bit and leaks no tensor', async () => {
    const before = tf.memory().numTensors;
    expect(await normAndScale(5)).toEqual(await normAndScale(5));
    expect(tf.memory().numTensors).toBe(before);
  });
});
