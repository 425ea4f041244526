import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { fusedEmbeddingAvailable, MAX_GRADIENT_STEPS } from '../backend/fusedEmbedding';
import { startNodeBackend, webGpuErrors } from '../backend/testing/nodeBackends';
import { createRng } from '../random';
import { embed } from './layers';

/**
 * The fused WebGPU embedding lookup (a gather forward, a walk over the rows backward) against the one-hot product
 * on the cpu backend: rows, and the table's gradient of a weighted sum of them, with repeated ids (whose gradients
 * must add up) and an id outside the table (a zero row, no gradient).
 */
beforeAll(async () => {
  await startNodeBackend('webgpu');
});

const VOCABULARY = 13;
const WIDTH = 24;

async function evaluate(idValues: number[]): Promise<Float32Array[]> {
  const rng = createRng(5);
  const table = tf.tensor2d(Float32Array.from({ length: VOCABULARY * WIDTH }, () => rng.next() * 2 - 1), [VOCABULARY, WIDTH]);
  const weights = tf.tensor2d(Float32Array.from({ length: idValues.length * WIDTH }, () => rng.next() * 2 - 1), [idValues.length, WIDTH]);
  const ids = tf.tensor1d(idValues, 'int32');
  const rows = embed(ids, table);
  const dTable = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(embed(ids, t as tf.Tensor2D), weights)))(table);
  const values = [(await rows.data()) as Float32Array, (await dTable.data()) as Float32Array];
  tf.dispose([table, weights, ids, rows, dTable]);
  return values;
}

describe('fused embedding lookup on WebGPU', () => {
  // Every id at least once, some many times, and one past the table.
  const ids = Array.from({ length: 200 }, (_, i) => (i * 7) % VOCABULARY).concat([VOCABULARY, 0, 0, 3]);

  it('matches the one-hot product on the cpu backend, rows and the table gradient', async () => {
    expect(fusedEmbeddingAvailable(ids.length, VOCABULARY, WIDTH)).toBe(true);
    webGpuErrors.length = 0;
    const [rows, dTable] = await evaluate(ids);
    expect(webGpuErrors).toEqual([]);
    await tf.setBackend('cpu');
    expect(fusedEmbeddingAvailable(ids.length, VOCABULARY, WIDTH)).toBe(false);
    const [rowsReference, dTableReference] = await evaluate(ids);
    await tf.setBackend('webgpu');
    expect([...rows]).toEqual([...rowsReference]); // a gather copies: exactly the table's numbers
    dTable.forEach((value, i) => expect(Math.abs(value - dTableReference[i])).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(dTableReference[i]))));
    expect([...rows.subarray(200 * WIDTH, 201 * WIDTH)]).toEqual(new Array(WIDTH).fill(0));
  });

  it('repeats bit for bit, leaks no tensor, and leaves large vocabularies to the one-hot product', async () => {
    const before = tf.memory().numTensors;
    const first = await evaluate(ids);
    const second = await evaluate(ids);
    first.forEach((values, i) => expect([...values]).toEqual([...second[i]]));
    expect(tf.memory().numTensors).toBe(before);
    expect(fusedEmbeddingAvailable(MAX_GRADIENT_STEPS / 64 + 1, 32, 2)).toBe(false);
  });
});
