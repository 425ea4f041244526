import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ProjectionKind, Sharing } from './config';
import { createEncoder, projectionWeights } from './encoder';
import { projectionParameterCount } from './projections';
import { tinyConfig } from './testConfigs';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

// L = 3 layers, H = 2 heads, n = 8, k = 4, 4, 2 (so conv kernels have 2, 2 and 4 weights).
const base = tinyConfig({ layers: 3, attention: 'linformer', kPerLayer: [4, 4, 2] });
const expectedProjections: Record<Sharing, number> = { none: 12, headwise: 6, kv: 3, layerwise: 1 };

function build(sharing: Sharing, projection: ProjectionKind) {
  // Layerwise sharing needs one k for every layer.
  const kPerLayer = sharing === 'layerwise' ? [4, 4, 4] : base.kPerLayer;
  return createEncoder({ ...base, sharing, projection, kPerLayer });
}

/** The k a projection weight was made for, read from its name. */
function kOf(model: ReturnType<typeof build>, name: string): number {
  const layer = /layer(\d+)/.exec(name);
  return layer ? model.config.kPerLayer[Number(layer[1])] : model.config.kPerLayer[0];
}

describe('projection weights per sharing mode', () => {
  for (const sharing of Object.keys(expectedProjections) as Sharing[]) {
    it(`${sharing}: creates ${expectedProjections[sharing]} learned E/F matrices of shape [k, n]`, () => {
      const model = build(sharing, 'linear');
      const projections = projectionWeights(model);
      expect(projections.size).toBe(expectedProjections[sharing]);
      for (const [name, weight] of projections) {
        expect(weight.shape).toEqual([kOf(model, name), 8]);
        expect(weight.trainable).toBe(true);
        expect(model.trainableVariables).toContain(weight);
      }
      const count = projectionParameterCount(model.config);
      expect(count.projections).toBe(projections.size);
      expect(count.parameters).toBe([...projections.values()].reduce((sum, w) => sum + w.size, 0));
      expect(count.trainableParameters).toBe(count.parameters);
      model.dispose();
    });

    it(`${sharing}: random projections exist but are not trainable`, () => {
      const model = build(sharing, 'random');
      const projections = projectionWeights(model);
      expect(projections.size).toBe(expectedProjections[sharing]);
      for (const weight of projections.values()) {
        expect(weight.trainable).toBe(false);
        expect(model.trainableVariables).not.toContain(weight);
      }
      expect(projectionParameterCount(model.config).trainableParameters).toBe(0);
      model.dispose();
    });

    it(`${sharing}: conv creates one kernel of n/k weights per projection`, () => {
      const model = build(sharing, 'conv');
      const projections = projectionWeights(model);
      expect(projections.size).toBe(expectedProjections[sharing]);
      for (const [name, weight] of projections) {
        expect(weight.shape).toEqual([8 / kOf(model, name)]);
        expect(model.trainableVariables).toContain(weight);
      }
      expect(projectionParameterCount(model.config).parameters).toBe([...projections.values()].reduce((sum, w) => sum + w.size, 0));
      model.dispose();
    });
  }

  it('counts parameters by hand: none with linear is Σ over layers of 2·H·k·n', () => {
    // Layers with k = 4, 4, 2 and n = 8, 2 heads, E and F: 2·2·8·(4 + 4 + 2).
    expect(projectionParameterCount({ ...base, sharing: 'none', projection: 'linear' })).toEqual({
      projections: 12,
      parameters: 320,
      trainableParameters: 320,
    });
    // kv with conv: one kernel per layer of n/k = 2, 2, 4 weights.
    expect(projectionParameterCount({ ...base, sharing: 'kv', projection: 'conv' }).parameters).toBe(8);
  });

  it('pooling and standard attention create no projection weights', () => {
    for (const projection of ['mean-pool', 'max-pool'] as const) {
      const model = build('none', projection);
      expect(projectionWeights(model).size).toBe(0);
      expect(projectionParameterCount(model.config)).toEqual({ projections: 0, parameters: 0, trainableParameters: 0 });
      model.dispose();
    }
    const standard = createEncoder({ ...base, attention: 'standard' });
    expect(projectionWeights(standard).size).toBe(0);
    // Same weights as the Linformer model apart from the projections.
    const linformer = build('none', 'linear');
    expect(standard.weights.size).toBe(linformer.weights.size - 12);
    standard.dispose();
    linformer.dispose();
  });

  it('initialises a learned projection with entries of variance about 1/k when the config names no init (N(0, 1/k))', async () => {
    const model = createEncoder({ ...base, seqLen: 64, kPerLayer: [16, 16, 16], sharing: 'layerwise', projection: 'linear' });
    const values = Array.from(await [...projectionWeights(model).values()][0].data());
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length;
    // 1024 samples: the sample variance has a relative standard error of √(2/1024) ≈ 4.4%; allow 15%.
    expect(variance).toBeGreaterThan(0.85 / 16);
    expect(variance).toBeLessThan(1.15 / 16);
    model.dispose();
  });

  it("Xavier init: entries uniform on ±√(6/(n + k)), so E·x keeps x's scale whatever n is, where N(0, 1/k) grows as √(n/k)", async () => {
    const spreadOfProjected = async (n: number, projectionInit: 'xavier' | 'normal') => {
      const model = createEncoder({ ...base, seqLen: n, kPerLayer: [8, 8, 8], sharing: 'layerwise', projection: 'random', projectionInit });
      const projection = [...projectionWeights(model).values()][0];
      const values = Array.from(await projection.data());
      const limit = Math.sqrt(6 / (n + 8));
      if (projectionInit === 'xavier') {
        expect(Math.max(...values.map(Math.abs))).toBeLessThanOrEqual(limit);
        expect(Math.max(...values.map(Math.abs))).toBeGreaterThan(0.9 * limit);
      }
      // E·x for x of unit entries: each output is a sum of n terms, so its spread is √n times an entry's.
      const projected = tf.tidy(() => tf.matMul(projection as tf.Tensor2D, tf.ones([n, 1])));
      const outputs = Array.from(await projected.data());
      projected.dispose();
      model.dispose();
      return Math.sqrt(outputs.reduce((sum, v) => sum + v * v, 0) / outputs.length);
    };
    // Xavier: Var(E·1) = n · 2/(n + k), close to 2 at every n (1.8 at n = 64, 1.97 at n = 512).
    // N(0, 1/k): Var(E·1) = n/k, which grows 8× from n = 64 to 512. Eight outputs per matrix: a loose band.
    const xavierSmall = await spreadOfProjected(64, 'xavier');
    const xavierLarge = await spreadOfProjected(512, 'xavier');
    const normalSmall = await spreadOfProjected(64, 'normal');
    const normalLarge = await spreadOfProjected(512, 'normal');
    expect(xavierLarge / xavierSmall).toBeLessThan(2);
    expect(normalLarge / normalSmall).toBeGreaterThan(1.5);
    expect(normalLarge).toBeGreaterThan(3 * xavierLarge);
  });
});
