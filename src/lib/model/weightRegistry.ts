/**
 * Creates and owns the named variables of one model.
 *
 * Every initial value is drawn in plain JavaScript from a generator seeded by (model seed, weight name)
 * and only then uploaded, so the same seed gives bit-identical weights on every backend. Seeding by name
 * (rather than by creation order) also means a standard and a Linformer model built from the same seed
 * start from the same embeddings, attention and feed-forward weights: only the projections differ, which
 * keeps comparisons between attention kinds fair.
 */
import * as tf from '@tensorflow/tfjs';
import { createRng, type Rng } from '../random';

export interface NormalInit {
  kind: 'normal';
  mean?: number;
  std: number;
}
export interface ConstantInit {
  kind: 'constant';
  value: number;
}
/** Uniform on [−limit, limit]. */
export interface UniformInit {
  kind: 'uniform';
  limit: number;
}
export type Init = NormalInit | ConstantInit | UniformInit;

export class WeightRegistry {
  /** Every weight by name, in creation order. */
  readonly weights = new Map<string, tf.Variable>();
  /** The weights an optimizer may update, in creation order. */
  readonly trainable: tf.Variable[] = [];

  constructor(private readonly seed: number) {}

  /**
   * Creates a weight. Fixed weights (trainable = false) are still variables, so they live as long as the
   * model and can be inspected, but tf.variableGrads and optimizers leave them alone.
   */
  create<R extends tf.Rank>(name: string, shape: number[], init: Init, trainable = true): tf.Variable<R> {
    if (this.weights.has(name)) throw new Error(`Weight "${name}" was created twice.`);
    const values = initialValues(shape, init, weightRng(this.seed, name));
    return this.adopt<R>(name, tf.tensor(values, shape, 'float32'), trainable);
  }

  /** Makes `initial` the variable `name` (and frees it). */
  private adopt<R extends tf.Rank>(name: string, initial: tf.Tensor, trainable: boolean): tf.Variable<R> {
    // No tfjs name: tfjs names are global, and two models with the same weight names must coexist.
    const variable = tf.variable(initial, trainable) as tf.Variable<R>;
    initial.dispose();
    this.weights.set(name, variable);
    if (trainable) this.trainable.push(variable);
    return variable;
  }

  /**
   * Creates a [rows, cols·pieces.length] weight whose column blocks are initialised as the named [rows, cols] weights
   * `pieces` would be, side by side: one fused weight (the attention's query, key and value kernels in one matrix,
   * multiplied in one matMul) that starts from exactly the numbers the separate weights would have.
   */
  createSideBySide<R extends tf.Rank>(name: string, pieces: string[], rows: number, cols: number, init: Init): tf.Variable<R> {
    if (this.weights.has(name)) throw new Error(`Weight "${name}" was created twice.`);
    const width = cols * pieces.length;
    const values = new Float32Array(rows * width);
    pieces.forEach((piece, block) => {
      const pieceValues = initialValues([rows, cols], init, weightRng(this.seed, piece));
      for (let row = 0; row < rows; row++) values.set(pieceValues.subarray(row * cols, (row + 1) * cols), row * width + block * cols);
    });
    return this.adopt<R>(name, tf.tensor(values, [rows, width], 'float32'), true);
  }

  dispose(): void {
    for (const variable of this.weights.values()) variable.dispose();
    this.weights.clear();
    this.trainable.length = 0;
  }
}

function initialValues(shape: number[], init: Init, rng: Rng): Float32Array {
  const size = shape.reduce((product, dim) => product * dim, 1);
  const values = new Float32Array(size);
  if (init.kind === 'constant') return values.fill(init.value);
  if (init.kind === 'uniform') {
    for (let i = 0; i < size; i++) values[i] = (rng.next() * 2 - 1) * init.limit;
    return values;
  }
  const mean = init.mean ?? 0;
  for (let i = 0; i < size; i++) values[i] = mean + init.std * rng.normal();
  return values;
}

/** A generator for one weight: FNV-1a of its name, mixed with the model seed. */
export function weightRng(seed: number, name: string): Rng {
  let hash = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    hash ^= name.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  // Mixing through a multiply keeps seeds that differ in one bit from giving related streams.
  return createRng((hash ^ Math.imul(seed >>> 0, 0x9e3779b1)) >>> 0);
}
