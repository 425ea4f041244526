/**
 * A model's weights as plain data, and back: what the compute worker keeps in IndexedDB so that a trained model
 * outlives the tab (src/worker/savedModel.ts). Pure tfjs, no storage: the caller decides where the numbers go.
 */
import * as tf from '@tensorflow/tfjs';
import type { Encoder } from './encoder';

/** One named weight: its shape and its values in row-major order. */
export interface SavedWeight {
  name: string;
  shape: number[];
  values: Float32Array;
}

/**
 * Every weight of the model (trainable or fixed), in the model's order. The weights are copied at the moment of the
 * call (clones share the GPU buffer, so this is cheap), so a later training step or a dispose of the model cannot
 * change or break what is read back; the read itself is asynchronous because a GPU backend reads asynchronously.
 */
export async function exportWeights(encoder: Encoder): Promise<SavedWeight[]> {
  const copies = [...encoder.weights].map(([name, variable]) => ({ name, tensor: tf.clone(variable) }));
  try {
    return await Promise.all(
      copies.map(async ({ name, tensor }) => ({
        name,
        shape: [...tensor.shape],
        values: Float32Array.from((await tensor.data()) as Float32Array),
      })),
    );
  } finally {
    copies.forEach(({ tensor }) => tensor.dispose());
  }
}

const describeShape = (shape: readonly number[]) => `[${shape.join(', ')}]`;

/**
 * Loads saved weights into a model of the same architecture. Every check comes before the first weight is written,
 * so a mismatch (a weight missing or extra, another shape, a wrong number of values) throws a readable error and
 * leaves the model as it was.
 */
export function importWeights(encoder: Encoder, saved: readonly SavedWeight[]): void {
  const byName = new Map<string, SavedWeight>();
  for (const weight of saved) {
    if (byName.has(weight.name)) throw new Error(`The saved weights hold "${weight.name}" twice.`);
    byName.set(weight.name, weight);
  }
  const problems: string[] = [];
  for (const [name, variable] of encoder.weights) {
    const weight = byName.get(name);
    if (!weight) {
      problems.push(`"${name}" is missing`);
      continue;
    }
    const shape = Array.isArray(weight.shape) ? weight.shape : [];
    if (shape.length !== variable.shape.length || shape.some((dim, i) => dim !== variable.shape[i])) {
      problems.push(`"${name}" is ${describeShape(shape)} but the model's is ${describeShape(variable.shape)}`);
    } else if (!(weight.values instanceof Float32Array) || weight.values.length !== variable.size) {
      problems.push(`"${name}" has ${weight.values?.length ?? 'no'} values, not ${variable.size}`);
    }
  }
  for (const name of byName.keys()) if (!encoder.weights.has(name)) problems.push(`"${name}" is not a weight of this model`);
  if (problems.length > 0) {
    const shown = problems.slice(0, 3).join('; ');
    const more = problems.length > 3 ? `; and ${problems.length - 3} more` : '';
    throw new Error(`The saved weights do not fit this model: ${shown}${more}.`);
  }
  for (const [name, variable] of encoder.weights) {
    const weight = byName.get(name)!;
    const values = tf.tensor(weight.values, weight.shape, 'float32');
    variable.assign(values);
    values.dispose();
  }
}
