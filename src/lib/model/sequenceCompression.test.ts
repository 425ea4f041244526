import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../random';
import {
  convolveSequence,
  maxPoolSequence,
  meanPoolSequence,
  projectSequence,
  projectSequencePerHead,
} from './sequenceCompression';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

// n = 6 compressed to k = 3: windows of 2 positions.
const [B, H, N, D, K] = [2, 2, 6, 3, 3];
const STRIDE = N / K;
// Batch 0: window 1 is half padding, window 2 all padding. Batch 1: only the last position is padding.
const padding = [
  [1, 1, 1, 0, 0, 0],
  [1, 1, 1, 1, 1, 0],
];

const at = (b: number, h: number, i: number, c: number, n: number) => ((b * H + h) * n + i) * D + c;

function randomValues(count: number, seed: number): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: count }, () => rng.normal());
}

// Values below −1 everywhere, so a padded position that was zeroed (0) would win any max it entered.
const values = randomValues(B * H * N * D, 7).map((x) => -1 - Math.abs(x));
// Compressors receive K and V with padded rows already zeroed (compressedAttention does that).
const zeroedValues = values.map((x, index) => x * padding[Math.floor(index / (H * N * D))][Math.floor(index / D) % N]);

/** Applies `reduce` to the token values of each window (as loops), giving [B, H, K, D]. */
function referencePool(reduce: (windowValues: number[]) => number): number[] {
  const out: number[] = [];
  for (let b = 0; b < B; b++)
    for (let h = 0; h < H; h++)
      for (let j = 0; j < K; j++)
        for (let c = 0; c < D; c++) {
          const tokens: number[] = [];
          for (let t = 0; t < STRIDE; t++) {
            const i = j * STRIDE + t;
            if (padding[b][i] === 1) tokens.push(values[at(b, h, i, c, N)]);
          }
          out.push(tokens.length === 0 ? 0 : reduce(tokens));
        }
  return out;
}

async function expectClose(tensor: tf.Tensor, expected: number[], tolerance = 1e-6): Promise<void> {
  const actual = await tensor.data();
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) expect(Math.abs(actual[i] - expected[i])).toBeLessThan(tolerance);
}

describe('pooling along the sequence', () => {
  it('mean-pools over the tokens of each window, a window of padding giving 0', async () => {
    const x = tf.tensor4d(zeroedValues, [B, H, N, D]);
    const mask = tf.tensor2d(padding);
    const pooled = meanPoolSequence(x, K, mask);
    expect(pooled.shape).toEqual([B, H, K, D]);
    await expectClose(pooled, referencePool((w) => w.reduce((s, v) => s + v, 0) / w.length));
    tf.dispose([x, mask, pooled]);
  });

  it('max-pools so that padding never wins, a window of padding giving 0', async () => {
    const x = tf.tensor4d(zeroedValues, [B, H, N, D]);
    const mask = tf.tensor2d(padding);
    const pooled = maxPoolSequence(x, K, mask);
    await expectClose(pooled, referencePool((w) => Math.max(...w)));
    tf.dispose([x, mask, pooled]);
  });

  it('max-pool passes gradient only to the winning token of each window', async () => {
    const x = tf.tensor4d(zeroedValues, [B, H, N, D]);
    const mask = tf.tensor2d(padding);
    const grad = tf.grad((input: tf.Tensor) => tf.sum(maxPoolSequence(input as tf.Tensor4D, K, mask)))(x);
    const g = await grad.data();
    for (let b = 0; b < B; b++)
      for (let h = 0; h < H; h++)
        for (let j = 0; j < K; j++)
          for (let c = 0; c < D; c++) {
            const window = [0, 1].map((t) => j * STRIDE + t);
            const tokens = window.filter((i) => padding[b][i] === 1);
            const winner = tokens.reduce<number | null>(
              (best, i) => (best === null || values[at(b, h, i, c, N)] > values[at(b, h, best, c, N)] ? i : best),
              null,
            );
            for (const i of window) expect(g[at(b, h, i, c, N)]).toBe(i === winner ? 1 : 0);
          }
    tf.dispose([x, mask, grad]);
  });
});

describe('strided convolution along the sequence', () => {
  it('computes Σ_t w_t x[j·s + t] with one kernel per head, or one shared kernel', async () => {
    const x = tf.tensor4d(values, [B, H, N, D]);
    const perHead = [
      [0.5, -2],
      [1.5, 0.25],
    ];
    const expected = (kernelOf: (h: number) => number[]) => {
      const out: number[] = [];
      for (let b = 0; b < B; b++)
        for (let h = 0; h < H; h++)
          for (let j = 0; j < K; j++)
            for (let c = 0; c < D; c++) {
              let sum = 0;
              for (let t = 0; t < STRIDE; t++) sum += kernelOf(h)[t] * values[at(b, h, j * STRIDE + t, c, N)];
              out.push(sum);
            }
      return out;
    };
    const perHeadKernels = tf.tensor2d(perHead);
    const sharedKernel = tf.tensor2d([perHead[1]]);
    const separate = convolveSequence(x, perHeadKernels);
    const shared = convolveSequence(x, sharedKernel);
    await expectClose(separate, expected((h) => perHead[h]), 1e-5);
    await expectClose(shared, expected(() => perHead[1]), 1e-5);
    tf.dispose([x, perHeadKernels, sharedKernel, separate, shared]);
  });
});

describe('projection along the sequence', () => {
  it('with one matrix per head equals projecting each head with its own matrix', async () => {
    const x = tf.tensor4d(values, [B, H, N, D]);
    const matrices = tf.tensor3d(randomValues(H * K * N, 8), [H, K, N]);
    const together = projectSequencePerHead(x, matrices);
    for (let h = 0; h < H; h++) {
      const head = tf.slice(x, [0, h, 0, 0], [B, 1, N, D]);
      const matrix = tf.reshape(tf.slice(matrices, [h, 0, 0], [1, K, N]), [K, N]) as tf.Tensor2D;
      const alone = projectSequence(head, matrix);
      const fromTogether = tf.slice(together, [0, h, 0, 0], [B, 1, K, D]);
      await expectClose(fromTogether, Array.from(await alone.data()), 1e-5);
      tf.dispose([head, matrix, alone, fromTogether]);
    }
    tf.dispose([x, matrices, together]);
  });
});
