import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { fusedMaskedLmLossAvailable } from '../backend/fusedMaskedLmLoss';
import { startNodeBackend, webGpuErrors } from '../backend/testing/nodeBackends';
import { createRng } from '../random';
import { maskedLmLoss } from './mlmLoss';

/**
 * The fused WebGPU masked-LM loss against the composed one on the cpu backend: the loss and its gradient with respect
 * to the logits, with large logits (the log-sum-exp must not overflow), a batch whose rows are not a multiple of the
 * workgroup, weights that are mostly 0, and a batch with no weighted position at all.
 */
beforeAll(async () => {
  await startNodeBackend('webgpu');
});

function batch(seed: number, rows: number, vocab: number, weighted: number) {
  const rng = createRng(seed);
  const logits = Float32Array.from({ length: rows * vocab }, () => (rng.next() * 2 - 1) * 40);
  const targets = Int32Array.from({ length: rows }, () => rng.int(vocab));
  const weights = Float32Array.from({ length: rows }, () => (rng.next() < weighted ? 1 : 0));
  return { logits, targets, weights };
}

async function lossAndGradient(data: ReturnType<typeof batch>, rows: number, vocab: number): Promise<[number, Float32Array]> {
  const shape: [number, number, number] = [1, rows, vocab];
  const logits = tf.tensor3d(data.logits, shape);
  const targets = tf.tensor2d(data.targets, [1, rows], 'int32');
  const weights = tf.tensor2d(data.weights, [1, rows]);
  const { value, grad } = tf.valueAndGrad((z: tf.Tensor) => maskedLmLoss(z as tf.Tensor3D, targets, weights))(logits);
  const result: [number, Float32Array] = [(await value.data())[0], (await grad.data()) as Float32Array];
  tf.dispose([logits, targets, weights, value, grad]);
  return result;
}

describe('fused masked-LM loss on WebGPU', () => {
  for (const [rows, vocab, weighted] of [
    [7, 5, 0.5],
    [130, 86, 0.15],
    [64, 86, 0],
  ] as const) {
    it(`matches the composed loss on the cpu backend, value and gradient: ${rows} rows, vocab ${vocab}, ${weighted * 100}% weighted`, async () => {
      expect(fusedMaskedLmLossAvailable()).toBe(true);
      const data = batch(rows, rows, vocab, weighted);
      webGpuErrors.length = 0;
      const [loss, gradient] = await lossAndGradient(data, rows, vocab);
      expect(webGpuErrors).toEqual([]);
      await tf.setBackend('cpu');
      expect(fusedMaskedLmLossAvailable()).toBe(false);
      const [referenceLoss, referenceGradient] = await lossAndGradient(data, rows, vocab);
      await tf.setBackend('webgpu');
      expect(Math.abs(loss - referenceLoss)).toBeLessThanOrEqual(1e-5 * Math.max(1, referenceLoss));
      const scale = Math.max(1e-30, ...referenceGradient.map(Math.abs));
      gradient.forEach((value, i) => expect(Math.abs(value - referenceGradient[i])).toBeLessThanOrEqual(1e-5 * scale));
      if (weighted === 0) expect(loss).toBe(0);
    });
  }

  it('leaks no tensor', async () => {
    const before = tf.memory().numTensors;
    await lossAndGradient(batch(1, 20, 9, 0.5), 20, 9);
    expect(tf.memory().numTensors).toBe(before);
  });
});
