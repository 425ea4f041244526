import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { installKernelWorkarounds } from './kernelWorkarounds';
import { startNodeBackend } from './testing/nodeBackends';

// The reproduction runs first, on tfjs's own kernel; then the workaround is installed.
beforeAll(async () => {
  await startNodeBackend('wasm', { workarounds: false });
});

async function oneHotValues(dtype: 'float32' | 'int32', onValue = 1, offValue = 0): Promise<number[]> {
  const encoded = tf.oneHot(tf.tensor1d([2, 0, 3, 1], 'int32'), 4, onValue, offValue, dtype);
  const values = [...(await encoded.data())];
  encoded.dispose();
  return values;
}

const IDENTITY_ROWS = [0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 0];

describe('OneHot on wasm', () => {
  it('reproduces the tfjs 4.22 bug: a float32 one-hot holds integer bit patterns (1 reads as 1.4e-45)', async () => {
    const values = await oneHotValues('float32');
    expect(values[2]).not.toBe(1);
    // The float holds the bits of the integer 1: the smallest subnormal, about 1.4e-45.
    expect(new Int32Array(Float32Array.of(values[2]).buffer)[0]).toBe(1);
  });

  it('writes the requested dtype and on/off values once the workaround is installed', async () => {
    installKernelWorkarounds();
    expect(await oneHotValues('float32')).toEqual(IDENTITY_ROWS);
    expect(await oneHotValues('int32')).toEqual(IDENTITY_ROWS);
    expect(await oneHotValues('float32', 0.5, -2)).toEqual(IDENTITY_ROWS.map((v) => (v ? 0.5 : -2)));
  });

  it('matches the cpu backend on a batch of ids, out-of-range ids included', async () => {
    const ids = [5, 0, 9, 7, -1, 12, 3];
    const onWasm = tf.oneHot(tf.tensor2d(ids, [7, 1], 'int32'), 10, 1, 0, 'float32');
    const wasmValues = [...(await onWasm.data())];
    onWasm.dispose();
    await tf.setBackend('cpu');
    const onCpu = tf.oneHot(tf.tensor2d(ids, [7, 1], 'int32'), 10, 1, 0, 'float32');
    expect(wasmValues).toEqual([...(await onCpu.data())]);
    onCpu.dispose();
    await tf.setBackend('wasm');
  });
});
