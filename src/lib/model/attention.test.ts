import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../random';
import { compressedAttention, linformerAttention, standardAttention } from './attention';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const [B, H, N, D, K] = [2, 2, 5, 3, 2];

function randomValues(count: number, seed: number): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: count }, () => rng.normal());
}

/** Row-major index into a [B, H, n, d] array. */
const at = (b: number, h: number, i: number, c: number, n: number, d: number) => ((b * H + h) * n + i) * d + c;

/**
 * Attention worked out with loops in float64: `keys`/`values` are the (already compressed, if any)
 * sequences of length m; `keyAllowed(b, j)` says whether key j may be attended.
 */
function referenceAttention(
  q: Float32Array,
  keys: Float64Array | Float32Array,
  values: Float64Array | Float32Array,
  m: number,
  keyAllowed: (b: number, j: number) => boolean,
): { output: Float64Array; probs: Float64Array } {
  const output = new Float64Array(B * H * N * D);
  const probs = new Float64Array(B * H * N * m);
  for (let b = 0; b < B; b++) {
    for (let h = 0; h < H; h++) {
      for (let i = 0; i < N; i++) {
        const logits: number[] = [];
        for (let j = 0; j < m; j++) {
          let dot = 0;
          for (let c = 0; c < D; c++) dot += q[at(b, h, i, c, N, D)] * keys[at(b, h, j, c, m, D)];
          logits.push(dot / Math.sqrt(D));
        }
        const allowed = logits.map((_, j) => keyAllowed(b, j));
        const top = Math.max(...logits.filter((_, j) => allowed[j]));
        const exps = logits.map((logit, j) => (allowed[j] ? Math.exp(logit - top) : 0));
        const total = exps.reduce((sum, e) => sum + e, 0);
        for (let j = 0; j < m; j++) {
          const p = exps[j] / total;
          probs[((b * H + h) * N + i) * m + j] = p;
          for (let c = 0; c < D; c++) output[at(b, h, i, c, N, D)] += p * values[at(b, h, j, c, m, D)];
        }
      }
    }
  }
  return { output, probs };
}

/** E·X along the sequence, per batch item and head, with padded rows of X treated as zero. */
function referenceProjection(x: Float32Array, e: Float32Array, mask: number[][]): Float64Array {
  const out = new Float64Array(B * H * K * D);
  for (let b = 0; b < B; b++)
    for (let h = 0; h < H; h++)
      for (let j = 0; j < K; j++)
        for (let c = 0; c < D; c++) {
          let sum = 0;
          for (let i = 0; i < N; i++) sum += e[j * N + i] * mask[b][i] * x[at(b, h, i, c, N, D)];
          out[at(b, h, j, c, K, D)] = sum;
        }
  return out;
}

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance: number): void {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  for (let i = 0; i < actual.length; i++) worst = Math.max(worst, Math.abs(actual[i] - expected[i]));
  expect(worst).toBeLessThan(tolerance);
}

const padding = [
  [1, 1, 1, 0, 0],
  [1, 1, 1, 1, 0],
];
const qValues = randomValues(B * H * N * D, 1);
const kValues = randomValues(B * H * N * D, 2);
const vValues = randomValues(B * H * N * D, 3);
const eValues = randomValues(K * N, 4).map((x) => x / Math.sqrt(K));
const fValues = randomValues(K * N, 5).map((x) => x / Math.sqrt(K));

function inputs() {
  return {
    q: tf.tensor4d(qValues, [B, H, N, D]),
    k: tf.tensor4d(kValues, [B, H, N, D]),
    v: tf.tensor4d(vValues, [B, H, N, D]),
    mask: tf.tensor2d(padding),
  };
}

describe('standardAttention', () => {
  it('matches attention worked out with loops, padded keys excluded', async () => {
    const { q, k, v, mask } = inputs();
    const { output, probs } = standardAttention(q, k, v, mask);
    const expected = referenceAttention(qValues, kValues, vValues, N, (b, j) => padding[b][j] === 1);
    expectClose(await output.data(), expected.output, 1e-5);
    expectClose(await probs.data(), expected.probs, 1e-6);
    tf.dispose([q, k, v, mask, output, probs]);
  });

  it('gives padded keys exactly zero probability and every row a total of 1', async () => {
    const { q, k, v, mask } = inputs();
    const { output, probs } = standardAttention(q, k, v, mask);
    const p = await probs.data();
    for (let b = 0; b < B; b++)
      for (let h = 0; h < H; h++)
        for (let i = 0; i < N; i++) {
          let total = 0;
          for (let j = 0; j < N; j++) {
            const value = p[((b * H + h) * N + i) * N + j];
            if (padding[b][j] === 0) expect(value).toBe(0);
            else expect(value).toBeGreaterThan(0);
            total += value;
          }
          expect(total).toBeCloseTo(1, 6);
        }
    tf.dispose([q, k, v, mask, output, probs]);
  });
});

describe('linformerAttention', () => {
  it('equals standard attention when k = n and E = F = I (no padding)', async () => {
    const { q, k, v, mask } = inputs();
    const identity = tf.eye(N) as tf.Tensor2D;
    const full = standardAttention(q, k, v);
    const linear = linformerAttention(q, k, v, identity, identity);
    expectClose(await linear.output.data(), await full.output.data(), 1e-6);
    expectClose(await linear.probs.data(), await full.probs.data(), 1e-7);
    tf.dispose([q, k, v, mask, identity, full.output, full.probs, linear.output, linear.probs]);
  });

  it('matches loops with random E, F and padding zeroed before projection', async () => {
    const { q, k, v, mask } = inputs();
    const e = tf.tensor2d(eValues, [K, N]);
    const f = tf.tensor2d(fValues, [K, N]);
    const { output, probs } = linformerAttention(q, k, v, e, f, mask);
    expect(output.shape).toEqual([B, H, N, D]);
    expect(probs.shape).toEqual([B, H, N, K]);
    const compressedKeys = referenceProjection(kValues, eValues, padding);
    const compressedValues = referenceProjection(vValues, fValues, padding);
    const expected = referenceAttention(qValues, compressedKeys, compressedValues, K, () => true);
    expectClose(await output.data(), expected.output, 1e-5);
    expectClose(await probs.data(), expected.probs, 1e-6);
    tf.dispose([q, k, v, mask, e, f, output, probs]);
  });

  it('is unaffected by whatever the padded rows of K and V hold', async () => {
    const { q, k, v, mask } = inputs();
    const e = tf.tensor2d(eValues, [K, N]);
    const f = tf.tensor2d(fValues, [K, N]);
    // Replace every padded row of K and V with large values: the result must not move at all.
    const padded = tf.reshape(tf.sub(1, mask), [B, 1, N, 1]);
    const noisyK = tf.add(k, tf.mul(padded, 100));
    const noisyV = tf.sub(v, tf.mul(padded, 100));
    const clean = linformerAttention(q, k, v, e, f, mask);
    const noisy = linformerAttention(q, noisyK as tf.Tensor4D, noisyV as tf.Tensor4D, e, f, mask);
    expect(Array.from(await noisy.output.data())).toEqual(Array.from(await clean.output.data()));
    tf.dispose([q, k, v, mask, e, f, padded, noisyK, noisyV, clean.output, clean.probs, noisy.output, noisy.probs]);
  });
});

describe('compressedAttention', () => {
  it('hands the compressors K and V with padded rows zeroed, plus the mask', async () => {
    const { q, k, v, mask } = inputs();
    const seen: number[][] = [];
    // A compressor that records what it receives and keeps the first two positions.
    const keepFirstTwo = (x: tf.Tensor4D, given?: tf.Tensor2D) => {
      expect(given).toBe(mask);
      seen.push(Array.from(x.dataSync()));
      return tf.slice(x, [0, 0, 0, 0], [B, H, 2, D]);
    };
    const result = compressedAttention(q, k, v, keepFirstTwo, keepFirstTwo, mask);
    expect(result.probs.shape).toEqual([B, H, N, 2]);
    for (let b = 0; b < B; b++)
      for (let h = 0; h < H; h++)
        for (let i = 0; i < N; i++)
          for (let c = 0; c < D; c++) {
            const expectedKey = padding[b][i] * kValues[at(b, h, i, c, N, D)];
            expect(seen[0][at(b, h, i, c, N, D)]).toBeCloseTo(expectedKey, 6);
          }
    tf.dispose([q, k, v, mask, result.output, result.probs]);
  });
});
