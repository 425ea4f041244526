/**
 * The safetensors file format, read and written here: an 8-byte little-endian header length N, N bytes of UTF-8
 * JSON `{name: {dtype, shape, data_offsets: [begin, end]}, "__metadata__"?: {string: string}}`, then the raw
 * little-endian tensor data (offsets relative to the first byte after the header).
 *
 * Our own code rather than a dependency: the whole format is a length, a JSON header and raw bytes, and only two
 * dtypes (F32 for weights, I32 for token ids) are needed; a library would add more than it saves, and this reader
 * can name exactly what is wrong with a damaged file.
 */

export type SafetensorsDtype = 'F32' | 'I32';

export interface SafetensorsTensor {
  name: string;
  dtype: SafetensorsDtype;
  shape: number[];
  /** Row-major values; Float32Array for F32, Int32Array for I32. */
  values: Float32Array | Int32Array;
}

export interface SafetensorsFile {
  /** In the file's data order. */
  tensors: SafetensorsTensor[];
  metadata: Record<string, string>;
}

const BYTES_PER_VALUE: Record<SafetensorsDtype, number> = { F32: 4, I32: 4 };
/** No sane header is this large; a bigger length means the file is not safetensors (or is damaged). */
const MAX_HEADER_BYTES = 100 * 1024 * 1024;

export class SafetensorsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SafetensorsError';
  }
}

const elementCount = (shape: readonly number[]) => shape.reduce((product, dim) => product * dim, 1);

/** The file's bytes. Tensors are laid out in the given order without gaps; the header is space-padded to 8 bytes. */
export function writeSafetensors(
  tensors: readonly SafetensorsTensor[],
  metadata: Record<string, string> = {},
): Uint8Array {
  const header: Record<string, unknown> = {};
  if (Object.keys(metadata).length > 0) header.__metadata__ = metadata;
  let offset = 0;
  for (const tensor of tensors) {
    if (tensor.name === '__metadata__' || Object.prototype.hasOwnProperty.call(header, tensor.name)) {
      throw new SafetensorsError(`Tensor name "${tensor.name}" is used twice or is reserved.`);
    }
    const expected = elementCount(tensor.shape);
    if (tensor.values.length !== expected) {
      throw new SafetensorsError(
        `Tensor "${tensor.name}" has ${tensor.values.length} values for shape [${tensor.shape.join(', ')}].`,
      );
    }
    if ((tensor.dtype === 'F32') !== tensor.values instanceof Float32Array) {
      throw new SafetensorsError(
        `Tensor "${tensor.name}" is declared ${tensor.dtype} but holds ${tensor.values.constructor.name}.`,
      );
    }
    const size = expected * BYTES_PER_VALUE[tensor.dtype];
    header[tensor.name] = { dtype: tensor.dtype, shape: [...tensor.shape], data_offsets: [offset, offset + size] };
    offset += size;
  }
  let headerText = JSON.stringify(header);
  // Padding keeps the data 8-byte aligned, so a reader can view it as typed arrays in place.
  const headerBytesUnpadded = new TextEncoder().encode(headerText).length;
  headerText += ' '.repeat((8 - ((8 + headerBytesUnpadded) % 8)) % 8);
  const headerBytes = new TextEncoder().encode(headerText);
  const bytes = new Uint8Array(8 + headerBytes.length + offset);
  const view = new DataView(bytes.buffer);
  view.setBigUint64(0, BigInt(headerBytes.length), true);
  bytes.set(headerBytes, 8);
  let position = 8 + headerBytes.length;
  for (const tensor of tensors) {
    const data = new DataView(bytes.buffer, position, tensor.values.length * 4);
    if (tensor.values instanceof Float32Array) tensor.values.forEach((value, i) => data.setFloat32(i * 4, value, true));
    else tensor.values.forEach((value, i) => data.setInt32(i * 4, value, true));
    position += tensor.values.length * 4;
  }
  return bytes;
}

/** Reads a safetensors file; a damaged or unsupported one throws a SafetensorsError naming what is wrong. */
export function readSafetensors(bytes: Uint8Array): SafetensorsFile {
  if (bytes.length < 8)
    throw new SafetensorsError(`The file is ${bytes.length} bytes: too short for a safetensors header.`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getBigUint64(0, true);
  if (headerLength > BigInt(Math.min(MAX_HEADER_BYTES, bytes.length - 8))) {
    throw new SafetensorsError(
      `The header claims ${headerLength} bytes but the file has ${bytes.length - 8} after the length: not a safetensors file, or cut short.`,
    );
  }
  const dataStart = 8 + Number(headerLength);
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, dataStart)));
  } catch {
    throw new SafetensorsError('The header is not valid UTF-8 JSON: not a safetensors file, or damaged.');
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header))
    throw new SafetensorsError('The header is not a JSON object.');
  const dataLength = bytes.length - dataStart;
  const metadata: Record<string, string> = {};
  const entries: { tensor: Omit<SafetensorsTensor, 'values'>; begin: number; end: number }[] = [];
  for (const [name, entry] of Object.entries(header as Record<string, unknown>)) {
    if (name === '__metadata__') {
      if (typeof entry !== 'object' || entry === null)
        throw new SafetensorsError('"__metadata__" must be an object of strings.');
      for (const [key, value] of Object.entries(entry)) if (typeof value === 'string') metadata[key] = value;
      continue;
    }
    const {
      dtype,
      shape,
      data_offsets: offsets,
    } = (entry ?? {}) as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
    if (dtype !== 'F32' && dtype !== 'I32') {
      throw new SafetensorsError(
        `Tensor "${name}" has dtype ${JSON.stringify(dtype)}; only F32 (and I32 for token ids) are read.`,
      );
    }
    if (!Array.isArray(shape) || !shape.every((dim) => Number.isInteger(dim) && dim >= 0)) {
      throw new SafetensorsError(`Tensor "${name}" has no valid shape (got ${JSON.stringify(shape)}).`);
    }
    if (
      !Array.isArray(offsets) ||
      offsets.length !== 2 ||
      !offsets.every((o) => Number.isInteger(o) && o >= 0) ||
      offsets[0] > offsets[1]
    ) {
      throw new SafetensorsError(`Tensor "${name}" has no valid data_offsets (got ${JSON.stringify(offsets)}).`);
    }
    const [begin, end] = offsets as [number, number];
    if (end > dataLength)
      throw new SafetensorsError(
        `Tensor "${name}" ends at byte ${end} of the data, which has only ${dataLength}: the file is cut short.`,
      );
    const expected = elementCount(shape as number[]) * BYTES_PER_VALUE[dtype];
    if (end - begin !== expected) {
      throw new SafetensorsError(
        `Tensor "${name}" has ${end - begin} bytes for ${dtype} [${(shape as number[]).join(', ')}], which needs ${expected}.`,
      );
    }
    entries.push({ tensor: { name, dtype, shape: [...(shape as number[])] }, begin, end });
  }
  entries.sort((a, b) => a.begin - b.begin);
  for (let i = 1; i < entries.length; i++) {
    if (entries[i].begin < entries[i - 1].end) {
      throw new SafetensorsError(
        `Tensors "${entries[i - 1].tensor.name}" and "${entries[i].tensor.name}" overlap in the data.`,
      );
    }
  }
  const tensors = entries.map(({ tensor, begin, end }) => {
    const data = new DataView(bytes.buffer, bytes.byteOffset + dataStart + begin, end - begin);
    const count = (end - begin) / 4;
    const values = tensor.dtype === 'F32' ? new Float32Array(count) : new Int32Array(count);
    if (values instanceof Float32Array) for (let i = 0; i < count; i++) values[i] = data.getFloat32(i * 4, true);
    else for (let i = 0; i < count; i++) values[i] = data.getInt32(i * 4, true);
    return { ...tensor, values };
  });
  return { tensors, metadata };
}
