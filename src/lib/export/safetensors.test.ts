import { describe, expect, it } from 'vitest';
import { readSafetensors, SafetensorsError, writeSafetensors } from './safetensors';

/** A file assembled by hand from the format's definition (not by our writer): length, JSON header, raw data. */
function handMadeFile(header: object, data: ArrayBuffer): Uint8Array {
  const headerBytes = new TextEncoder().encode(JSON.stringify(header));
  const bytes = new Uint8Array(8 + headerBytes.length + data.byteLength);
  new DataView(bytes.buffer).setUint32(0, headerBytes.length, true);
  bytes.set(headerBytes, 8);
  bytes.set(new Uint8Array(data), 8 + headerBytes.length);
  return bytes;
}

describe('safetensors', () => {
  it('round-trips F32 and I32 tensors bit for bit, with metadata, and keeps the data 8-byte aligned', () => {
    const floats = new Float32Array([1.5, -0, 3.4028234663852886e38, 1.401298464324817e-45, -2.25, Infinity]);
    const ints = new Int32Array([0, -1, 2147483647, -2147483648, 42]);
    const bytes = writeSafetensors(
      [
        { name: 'layer0/attention/queryKeyValue/kernel', dtype: 'F32', shape: [2, 3], values: floats },
        { name: 'train', dtype: 'I32', shape: [5], values: ints },
        { name: 'empty', dtype: 'F32', shape: [0, 4], values: new Float32Array(0) },
      ],
      { format: 'pt', steps: '7' },
    );
    const headerLength = Number(new DataView(bytes.buffer).getBigUint64(0, true));
    expect((8 + headerLength) % 8).toBe(0);
    const file = readSafetensors(bytes);
    expect(file.metadata).toEqual({ format: 'pt', steps: '7' });
    expect(file.tensors.map((t) => [t.name, t.dtype, t.shape])).toEqual([
      ['layer0/attention/queryKeyValue/kernel', 'F32', [2, 3]],
      ['train', 'I32', [5]],
      ['empty', 'F32', [0, 4]],
    ]);
    expect(new Uint8Array(file.tensors[0].values.buffer)).toEqual(new Uint8Array(floats.buffer));
    expect(Object.is(file.tensors[0].values[1], -0)).toBe(true);
    expect(Array.from(file.tensors[1].values)).toEqual(Array.from(ints));
  });

  it('reads a file assembled by hand from the format definition (little-endian, offsets after the header)', () => {
    const data = new ArrayBuffer(12);
    const view = new DataView(data);
    view.setFloat32(0, 0.5, true);
    view.setFloat32(4, -8, true);
    view.setInt32(8, 123456, true);
    const file = readSafetensors(
      handMadeFile(
        {
          b: { dtype: 'I32', shape: [1], data_offsets: [8, 12] },
          a: { dtype: 'F32', shape: [2, 1], data_offsets: [0, 8] },
        },
        data,
      ),
    );
    expect(file.tensors.map((t) => [t.name, Array.from(t.values)])).toEqual([
      ['a', [0.5, -8]],
      ['b', [123456]],
    ]);
  });

  it('refuses damaged files with a message naming the problem and the tensor', () => {
    const good = writeSafetensors([{ name: 'w', dtype: 'F32', shape: [4], values: new Float32Array(4) }]);
    expect(() => readSafetensors(good.subarray(0, 5))).toThrow(/too short/);
    expect(() => readSafetensors(good.subarray(0, good.length - 4))).toThrow(
      /"w" ends at byte 16 of the data, which has only 12/,
    );
    const f16 = handMadeFile({ h: { dtype: 'F16', shape: [2], data_offsets: [0, 4] } }, new ArrayBuffer(4));
    expect(() => readSafetensors(f16)).toThrow(/"h" has dtype "F16"/);
    const wrongSize = handMadeFile({ s: { dtype: 'F32', shape: [3], data_offsets: [0, 8] } }, new ArrayBuffer(8));
    expect(() => readSafetensors(wrongSize)).toThrow(/"s" has 8 bytes for F32 \[3\], which needs 12/);
    const overlap = handMadeFile(
      { x: { dtype: 'F32', shape: [2], data_offsets: [0, 8] }, y: { dtype: 'F32', shape: [2], data_offsets: [4, 12] } },
      new ArrayBuffer(12),
    );
    expect(() => readSafetensors(overlap)).toThrow(/"x" and "y" overlap/);
    const notJson = new Uint8Array([4, 0, 0, 0, 0, 0, 0, 0, 0x7b, 0x7b, 0x7b, 0x7b]);
    expect(() => readSafetensors(notJson)).toThrow(SafetensorsError);
    expect(() => readSafetensors(new Uint8Array([255, 255, 255, 255, 0, 0, 0, 0, 1]))).toThrow(/header claims/);
  });

  it('refuses to write values that do not match the declared shape or dtype', () => {
    expect(() => writeSafetensors([{ name: 'w', dtype: 'F32', shape: [3], values: new Float32Array(2) }])).toThrow(
      /2 values for shape \[3\]/,
    );
    expect(() => writeSafetensors([{ name: 'w', dtype: 'I32', shape: [2], values: new Float32Array(2) }])).toThrow(
      /declared I32/,
    );
  });
});
