/**
 * A fine-tune must not change the pretrained model it starts from: the same trained model feeds the spectra
 * and later fine-tunes with other settings. So fine-tuning works on a copy with the same config and weights.
 */
import * as tf from '@tensorflow/tfjs';
import { createEncoder, type Encoder } from '../model/encoder';

export function copyEncoder(source: Encoder): Encoder {
  const copy = createEncoder(source.config);
  try {
    for (const [name, weight] of source.weights) {
      const target = copy.weights.get(name);
      if (!target) throw new Error(`The copy has no weight ${name}.`);
      target.assign(weight);
    }
  } catch (error) {
    copy.dispose();
    throw error;
  }
  return copy;
}

/** The encoder weights a classifier's loss reaches: all trainable ones but the masked-LM head's. */
export function encoderBodyVariables(encoder: Encoder): tf.Variable[] {
  const headWeights = new Set(
    [...encoder.weights].filter(([name]) => name.startsWith('mlmHead/')).map(([, weight]) => weight),
  );
  return encoder.trainableVariables.filter((variable) => !headWeights.has(variable));
}
