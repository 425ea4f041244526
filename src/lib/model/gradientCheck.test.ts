/**
 * Finite-difference check of the encoder's gradients: the analytic gradient from tf.variableGrads must
 * agree with (L(w + h) − L(w − h)) / 2h for chosen entries of several weights.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../random';
import type { ModelConfig } from './config';
import { createEncoder, encoderForward, type Encoder } from './encoder';
import { maskedLmLoss } from './mlmLoss';
import { tinyConfig } from './testConfigs';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const tokenIds = [
  [3, 1, 4, 1, 5, 9, 0, 0],
  [2, 7, 1, 8, 2, 8, 1, 8],
];
const padding = [
  [1, 1, 1, 1, 1, 1, 0, 0],
  [1, 1, 1, 1, 1, 1, 1, 1],
];
const targetIds = tokenIds.map((row) => row.map((id) => (id * 3 + 1) % 11));
const predicted = [
  [1, 1, 0, 1, 0, 1, 0, 0],
  [0, 1, 1, 0, 1, 0, 1, 1],
];

/**
 * Moves every trainable weight to a generic point (N(0, 0.3²) noise added). At the BERT initialisation
 * (std 0.02) attention logits are almost zero and the gradients of Wq, Wk and E are too small for float32
 * finite differences to resolve; the gradient being checked does not depend on where we evaluate it.
 */
function moveToGenericPoint(model: Encoder): void {
  const rng = createRng(99);
  for (const variable of model.trainableVariables) {
    const values = variable.dataSync().map((x) => x + 0.3 * rng.normal());
    tf.tidy(() => variable.assign(tf.tensor(values, variable.shape)));
  }
}

function lossValue(model: Encoder, inputs: tf.Tensor[]): number {
  const [tokens, mask, targets, weights] = inputs as tf.Tensor2D[];
  return tf.tidy(() => maskedLmLoss(encoderForward(model, tokens, mask, { training: false }).logits, targets, weights).dataSync()[0]);
}

async function checkGradients(config: ModelConfig, weightNames: string[]): Promise<void> {
  const model = createEncoder(config);
  moveToGenericPoint(model);
  const inputs = [
    tf.tensor2d(tokenIds, undefined, 'int32'),
    tf.tensor2d(padding),
    tf.tensor2d(targetIds, undefined, 'int32'),
    tf.tensor2d(predicted),
  ];
  const [tokens, mask, targets, weights] = inputs as tf.Tensor2D[];
  const { value, grads } = tf.variableGrads(
    () => maskedLmLoss(encoderForward(model, tokens, mask, { training: false }).logits, targets, weights),
    model.trainableVariables,
  );
  const step = 1e-2;
  for (const name of weightNames) {
    const variable = model.weights.get(name);
    if (!variable) throw new Error(`No weight ${name}`);
    const analytic = await grads[variable.name].data();
    const original = (await variable.data()) as Float32Array;
    // The two largest entries (well above float32 noise) and one chosen at random.
    const byMagnitude = Array.from(analytic.keys()).sort((a, b) => Math.abs(analytic[b]) - Math.abs(analytic[a]));
    const indices = [byMagnitude[0], byMagnitude[1], createRng(name.length).int(analytic.length)];
    for (const index of indices) {
      const lossWith = (delta: number) => {
        const shifted = original.slice();
        shifted[index] += delta;
        tf.tidy(() => variable.assign(tf.tensor(shifted, variable.shape)));
        return lossValue(model, inputs);
      };
      const numeric = (lossWith(step) - lossWith(-step)) / (2 * step);
      tf.tidy(() => variable.assign(tf.tensor(original, variable.shape)));
      const exact = analytic[index];
      // Relative 1e-2, with an absolute floor for the random entry: float32 rounding of a loss near 2
      // divided by 2h leaves ~1e-5 of noise.
      expect(Math.abs(numeric - exact), `${name}[${index}]: numeric ${numeric}, analytic ${exact}`).toBeLessThanOrEqual(
        1e-2 * Math.max(Math.abs(exact), Math.abs(numeric)) + 2e-4,
      );
    }
    expect(Math.abs(analytic[byMagnitude[0]]), `${name} has a sizeable gradient`).toBeGreaterThan(1e-2);
  }
  tf.dispose([value, ...Object.values(grads), ...inputs]);
  model.dispose();
}

const sharedWeights = [
  'embedding/token',
  'embedding/position',
  'embedding/norm/gain',
  'layer0/attention/queryKeyValue/kernel',
  'layer1/attention/queryKeyValue/bias',
  'layer1/attention/output/kernel',
  'layer0/feedForward/in/kernel',
  'layer1/feedForward/norm/bias',
  'mlmHead/dense/kernel',
  'mlmHead/outputBias',
];

describe('finite-difference gradients', () => {
  it('standard attention', async () => {
    await checkGradients(tinyConfig({ attention: 'standard' }), sharedWeights);
  });

  it('Linformer with learned E and F per head', async () => {
    await checkGradients(tinyConfig({ attention: 'linformer', projection: 'linear', kPerLayer: [4, 2] }), [
      ...sharedWeights,
      'projection/layer0/head1/E',
      'projection/layer1/head0/F',
    ]);
  });

  it('Linformer with a learned convolution kernel shared by keys and values', async () => {
    await checkGradients(tinyConfig({ attention: 'linformer', projection: 'conv', sharing: 'kv', kPerLayer: [4, 2] }), [
      'layer0/attention/queryKeyValue/kernel',
      'projection/layer0/EF',
      'projection/layer1/EF',
    ]);
  });
});
