/**
 * Opens a bundle's config.json and a .safetensors of its weights (model.safetensors, or trained.safetensors from a
 * cluster run) as an Encoder, after checking everything that could make the weights mean something else: the schema
 * version, the model config, the vocabulary against the tokenizer the app prepares for the corpus, and every tensor's
 * name, dtype, shape and values. A refusal names the field or tensor; nothing is allocated that outlives it.
 */
import { parameterCounts } from '../efficiency/parameters';
import { createEncoder, type Encoder } from '../model/encoder';
import { importWeights } from '../model/savedWeights';
import { parseBundleConfig, type ImportableConfig } from './bundleConfig';
import { readSafetensors, type SafetensorsTensor } from './safetensors';

export type ImportOutcome = { ok: true; encoder: Encoder; config: ImportableConfig } | { ok: false; refusal: string };

export interface ImportOptions {
  /**
   * The vocabulary size of the tokenizer the app prepares for the config's corpus and tokenizer kind; a model with
   * another vocabulary would read the wrong ids. Omit only where no corpus is at hand (the check is then skipped).
   */
  tokenizerVocabSize?: (config: ImportableConfig) => number | Promise<number>;
}

const describeShape = (shape: readonly number[]) => `[${shape.join(', ')}]`;
/** At most this many problems are listed in one refusal; the rest are counted. */
const SHOWN_PROBLEMS = 4;

export async function importBundleWeights(
  configJson: string | unknown,
  safetensorsBytes: Uint8Array,
  options: ImportOptions = {},
): Promise<ImportOutcome> {
  let config: ImportableConfig;
  try {
    config = parseBundleConfig(configJson);
  } catch (error) {
    return { ok: false, refusal: (error as Error).message };
  }
  if (options.tokenizerVocabSize) {
    const expected = await options.tokenizerVocabSize(config);
    if (expected !== config.model.vocabSize) {
      return {
        ok: false,
        refusal: `config.json model.vocabSize is ${config.model.vocabSize}, but the ${config.tokenizer} tokenizer of ${config.corpus} has ${expected} tokens: these weights belong to another vocabulary.`,
      };
    }
  }
  let tensors: SafetensorsTensor[];
  try {
    const file = readSafetensors(safetensorsBytes);
    tensors = file.tensors;
    // A trainer that continues a bundle writes trained.safetensors with its own count and leaves config.json as it was.
    const steps = file.metadata.steps;
    if (steps !== undefined && /^\d+$/.test(steps)) config = { ...config, steps: Number(steps) };
  } catch (error) {
    return { ok: false, refusal: `The weights file: ${(error as Error).message}` };
  }
  // Refused before any weight is allocated: a config.json promising a far larger model than the file can fill
  // (dModel 65536, say) would otherwise be built first, and on a GPU could exhaust its memory or lose the device.
  const fileValues = tensors.reduce((sum, tensor) => sum + tensor.values.length, 0);
  const modelValues = parameterCounts(config.model).total;
  if (modelValues > 2 * fileValues) {
    return {
      ok: false,
      refusal: `config.json's model has ${modelValues} weights, but the weights file holds only ${fileValues} values: these are not that model's weights.`,
    };
  }
  const encoder = createEncoder(config.model);
  try {
    const problems = tensorProblems(encoder, tensors);
    if (problems.length > 0) {
      const more = problems.length > SHOWN_PROBLEMS ? `; and ${problems.length - SHOWN_PROBLEMS} more` : '';
      encoder.dispose();
      return {
        ok: false,
        refusal: `The weights do not fit config.json's model: ${problems.slice(0, SHOWN_PROBLEMS).join('; ')}${more}.`,
      };
    }
    importWeights(
      encoder,
      tensors.map((tensor) => ({ name: tensor.name, shape: tensor.shape, values: tensor.values as Float32Array })),
    );
    return { ok: true, encoder, config };
  } catch (error) {
    encoder.dispose();
    return { ok: false, refusal: `The weights could not be loaded: ${(error as Error).message}` };
  }
}

/** Every mismatch between the file's tensors and the model's weights, each naming its tensor. */
function tensorProblems(encoder: Encoder, tensors: readonly SafetensorsTensor[]): string[] {
  const problems: string[] = [];
  const byName = new Map(tensors.map((tensor) => [tensor.name, tensor]));
  for (const [name, variable] of encoder.weights) {
    const tensor = byName.get(name);
    if (!tensor) {
      problems.push(`tensor "${name}" is missing`);
      continue;
    }
    if (tensor.dtype !== 'F32') {
      problems.push(`tensor "${name}" is ${tensor.dtype}, not F32`);
      continue;
    }
    if (tensor.shape.length !== variable.shape.length || tensor.shape.some((dim, i) => dim !== variable.shape[i])) {
      problems.push(
        `tensor "${name}" is ${describeShape(tensor.shape)} but the model's is ${describeShape(variable.shape)}`,
      );
      continue;
    }
    const bad = tensor.values.findIndex((value) => !Number.isFinite(value));
    if (bad >= 0)
      problems.push(
        `tensor "${name}" holds a non-finite value (${tensor.values[bad]} at index ${bad}): the run that wrote it diverged`,
      );
  }
  for (const name of byName.keys())
    if (!encoder.weights.has(name)) problems.push(`tensor "${name}" is not a weight of this model`);
  return problems;
}
