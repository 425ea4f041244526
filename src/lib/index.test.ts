/**
 * The public entry point: what the issues promise is reachable from src/lib/index.ts and behaves as promised
 * when used only through it (the deeper modules have their own, more thorough tests).
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import * as lib from './index';
import { tinyConfig } from './model/testConfigs';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('src/lib/index.ts', () => {
  it('computes the same attention through linformerAttention with k = n and identity projections', async () => {
    const [b, h, n, d] = [2, 2, 6, 4];
    const q = tf.randomNormal([b, h, n, d], 0, 1, 'float32', 1) as tf.Tensor4D;
    const k = tf.randomNormal([b, h, n, d], 0, 1, 'float32', 2) as tf.Tensor4D;
    const v = tf.randomNormal([b, h, n, d], 0, 1, 'float32', 3) as tf.Tensor4D;
    const eye = tf.eye(n) as tf.Tensor2D;
    const full = lib.standardAttention(q, k, v);
    const linear = lib.linformerAttention(q, k, v, eye, eye);
    expect(full.probs.shape).toEqual([b, h, n, n]);
    const gap = tf.max(tf.abs(tf.sub(full.output, linear.output)));
    expect((await gap.data())[0]).toBeLessThan(1e-5);
    tf.dispose([q, k, v, eye, full.output, full.probs, linear.output, linear.probs, gap]);
  });

  it('returns all singular values in descending order', () => {
    // diag(3, 1) padded into a 2×3 matrix: singular values 3 and 1.
    const sigma = lib.singularValues(new Float64Array([0, 3, 0, 1, 0, 0]), 2, 3);
    expect(Array.from(sigma).map((s) => Number(s.toFixed(9)))).toEqual([3, 1]);
  });

  it('refuses a Linformer config with k > n, naming the problem', () => {
    const problems = lib.configProblems(tinyConfig({ attention: 'linformer', seqLen: 8, kPerLayer: [16, 4] }));
    expect(problems.join(' ')).toMatch(/k in layer 1 \(16\) is larger than n \(8\)/);
  });
});
