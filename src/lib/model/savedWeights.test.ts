import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createEncoder, encoderForward, type Encoder } from './encoder';
import { exportWeights, importWeights } from './savedWeights';
import { tinyConfig } from './testConfigs';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const ids = [
  [3, 1, 4, 1, 5, 9, 2, 6],
  [2, 7, 1, 8, 2, 8, 1, 0],
];

async function logits(model: Encoder): Promise<Float32Array> {
  const tokens = tf.tensor2d(ids, undefined, 'int32');
  const { logits: out } = encoderForward(model, tokens, undefined, { training: false });
  const values = (await out.data()) as Float32Array;
  tf.dispose([tokens, out]);
  return values;
}

/** Moves every weight away from its seeded start, as training would, so a round trip is not just the seed's init. */
function perturb(model: Encoder): void {
  let i = 0;
  for (const variable of model.weights.values()) {
    const step = 0.01 * ++i;
    tf.tidy(() => variable.assign(tf.add(variable, tf.mul(tf.randomNormal(variable.shape, 0, 1, 'float32', i), step))));
  }
}

describe('exportWeights / importWeights', () => {
  it.each(['standard', 'linformer'] as const)('round-trips a %s model: the copy gives identical logits', async (attention) => {
    const config = tinyConfig({ attention, vocabSize: 11 });
    const trained = createEncoder(config);
    perturb(trained);
    const saved = await exportWeights(trained);
    expect(saved.map((w) => w.name)).toEqual([...trained.weights.keys()]);
    // A fresh model of another seed starts elsewhere; loading the weights makes it the trained one.
    const restored = createEncoder({ ...config, seed: 99 });
    const before = tf.memory().numTensors;
    importWeights(restored, saved);
    expect(tf.memory().numTensors).toBe(before);
    expect(Array.from(await logits(restored))).toEqual(Array.from(await logits(trained)));
    trained.dispose();
    restored.dispose();
  });

  it('copies the weights at the call, so a dispose right after cannot break the read', async () => {
    const model = createEncoder(tinyConfig());
    const pending = exportWeights(model);
    model.dispose();
    const saved = await pending;
    expect(saved.length).toBeGreaterThan(0);
    expect(saved.every((w) => w.values.length === w.shape.reduce((a, b) => a * b, 1))).toBe(true);
  });

  it('throws a readable error for another architecture and leaves the model as it was', async () => {
    const small = createEncoder(tinyConfig({ dModel: 8 }));
    const wide = createEncoder(tinyConfig({ dModel: 16, dFF: 16 }));
    const saved = await exportWeights(small);
    const before = await logits(wide);
    expect(() => importWeights(wide, saved)).toThrow(/do not fit this model: "embedding\/token" is \[11, 8\] but the model's is \[11, 16\]/);
    expect(Array.from(await logits(wide))).toEqual(Array.from(before));
    small.dispose();
    wide.dispose();
  });

  it('names missing, extra and short weights', async () => {
    const model = createEncoder(tinyConfig({ layers: 1, kPerLayer: [4] }));
    const saved = await exportWeights(model);
    const [first, ...rest] = saved;
    expect(() => importWeights(model, rest)).toThrow(`"${first.name}" is missing`);
    expect(() => importWeights(model, [...saved, { name: 'extra/kernel', shape: [1], values: new Float32Array(1) }])).toThrow(
      '"extra/kernel" is not a weight of this model',
    );
    expect(() => importWeights(model, [{ ...first, values: first.values.subarray(1) }, ...rest])).toThrow(/has \d+ values, not \d+/);
    expect(() => importWeights(model, [first, first, ...rest])).toThrow('twice');
    model.dispose();
  });
});
