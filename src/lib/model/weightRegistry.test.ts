import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { WeightRegistry } from './weightRegistry';

describe('WeightRegistry.createSideBySide', () => {
  it('starts each column block from exactly the numbers the separate weight of that name would get', async () => {
    await tf.setBackend('cpu');
    const init = { kind: 'normal' as const, std: 0.02 };
    const pieces = ['layer0/attention/query/kernel', 'layer0/attention/key/kernel', 'layer0/attention/value/kernel'];
    const fusedRegistry = new WeightRegistry(7);
    const separateRegistry = new WeightRegistry(7);
    const fused = fusedRegistry.createSideBySide('layer0/attention/queryKeyValue/kernel', pieces, 5, 4, init);
    const separate = pieces.map((name) => separateRegistry.create(name, [5, 4], init));
    expect(fused.shape).toEqual([5, 12]);
    const blocks = tf.split(fused, 3, 1);
    for (let i = 0; i < 3; i++) expect(await blocks[i].array()).toEqual(await separate[i].array());
    expect(fusedRegistry.trainable).toEqual([fused]);
    expect(() => fusedRegistry.createSideBySide('layer0/attention/queryKeyValue/kernel', pieces, 5, 4, init)).toThrow(/twice/);
    tf.dispose(blocks);
    fusedRegistry.dispose();
    separateRegistry.dispose();
  });
});
