/**
 * Writes a PyTorch bundle (./README.md) as a list of files: the caller writes them to a directory (Node) or zips
 * them (the page). The weights are those of a live encoder, read at the moment of the call; the reference logits are
 * that encoder's own forward pass.
 */
import * as tf from '@tensorflow/tfjs';
import { splitForCorpus } from '../data/corpora';
import { CORPUS_SPLIT, type EncodedCorpus } from '../data/encodedCorpus';
import type { TrainingRunSpec } from '../experiments/runSpec';
import type { Encoder } from '../model/encoder';
import { exportWeights } from '../model/savedWeights';
import { BUNDLE_FILES, buildBundleConfig, resolvedModelConfig, type BundleConfig } from './bundleConfig';
import { bundleReadme } from './bundleReadme';
import { referenceInputs, referenceLogits, REFERENCE_TOLERANCE, type ReferenceBatch } from './referenceBatch';
import { writeSafetensors } from './safetensors';
import { sha256Hex } from './sha256';
import { tokenizerFileText } from './tokenizerFile';

export interface BundleFile {
  /** Relative, with forward slashes: `config.json`, `data/train.txt`, `linformer_lab/model.py`. */
  path: string;
  bytes: Uint8Array;
}

export interface PythonSourceFile {
  /** The file's name inside linformer_lab/, e.g. `model.py`. */
  name: string;
  text: string;
}

export interface ExportBundleInput {
  spec: TrainingRunSpec;
  /** The experiment link's query string, kept in config.json so the bundle can be opened as the same experiment. */
  settingsQuery?: string | null;
  /** Names the app and its version in config.json. */
  createdBy: string;
  /** The prepared corpus text (as `npm run data` writes it): split here exactly as encodeCorpus splits it. */
  corpusText: string;
  corpus: EncodedCorpus;
  /** The model whose weights the bundle carries; it must be the spec's architecture on this corpus's vocabulary. */
  model: Encoder;
  /** Updates the model has had. */
  steps: number;
  /** The Python package (src/lib/export/python/linformer_lab/*.py). */
  python: readonly PythonSourceFile[];
}

const encodeText = (text: string) => new TextEncoder().encode(text);
const jsonBytes = (value: unknown) => encodeText(`${JSON.stringify(value, null, 2)}\n`);
const codePoints = (text: string) => {
  let count = 0;
  for (const _ of text) count++;
  return count;
};

/** Everything the bundle holds; config.json first. Throws when the model is not the spec's. */
export async function exportBundle(input: ExportBundleInput): Promise<BundleFile[]> {
  const { spec, corpus, model } = input;
  if (corpus.id !== spec.corpus)
    throw new Error(`The corpus given is ${corpus.id} but the experiment trains on ${spec.corpus}.`);
  const expected = resolvedModelConfig({ ...spec.model, vocabSize: corpus.tokenizer.vocabSize });
  const actual = resolvedModelConfig(model.config);
  if (JSON.stringify(sortedKeys(expected)) !== JSON.stringify(sortedKeys(actual))) {
    throw new Error(
      `The model to export is not the experiment's (model ${JSON.stringify(actual)}, experiment ${JSON.stringify(expected)}).`,
    );
  }
  if (input.python.length === 0)
    throw new Error('The bundle needs the Python package linformer_lab (no .py files were given).');

  const { train, validation } = splitForCorpus(corpus.id, input.corpusText, CORPUS_SPLIT);
  const trainBytes = encodeText(train);
  const validationBytes = encodeText(validation);
  const tokensBytes = writeSafetensors([
    { name: 'train', dtype: 'I32', shape: [corpus.trainIds.length], values: corpus.trainIds },
    { name: 'validation', dtype: 'I32', shape: [corpus.validationIds.length], values: corpus.validationIds },
  ]);
  // A cheap guard against a text/ids mix-up: a prefix encodes to the same ids except near its cut (the last pre-token).
  const prefixIds = corpus.tokenizer.encode(train.slice(0, 4000));
  if (prefixIds.subarray(0, Math.max(0, prefixIds.length - 64)).some((id, i) => id !== corpus.trainIds[i])) {
    throw new Error('The corpus text given is not the text these ids were encoded from.');
  }

  const saved = await exportWeights(model);
  const fixed = [...model.weights].filter(([, variable]) => !variable.trainable).map(([name]) => name);
  const weightsBytes = writeSafetensors(
    saved.map((weight) => ({ name: weight.name, dtype: 'F32', shape: weight.shape, values: weight.values })),
    { format: 'pt', schemaVersion: '1', steps: String(input.steps) },
  );

  const config: BundleConfig = buildBundleConfig({
    spec,
    vocabSize: corpus.tokenizer.vocabSize,
    settingsQuery: input.settingsQuery,
    createdBy: input.createdBy,
    steps: input.steps,
    trainText: { sha256: await sha256Hex(trainBytes), characters: codePoints(train), tokens: corpus.trainIds.length },
    validationText: {
      sha256: await sha256Hex(validationBytes),
      characters: codePoints(validation),
      tokens: corpus.validationIds.length,
    },
    tokensSha256: await sha256Hex(tokensBytes),
    weightNames: saved.map((weight) => weight.name),
    fixedWeightNames: fixed,
  });

  const { ids, padding } = referenceInputs(
    corpus.validationIds,
    corpus.trainIds,
    corpus.tokenizer,
    spec.model.seqLen,
    spec.batchSize,
  );
  const reference: ReferenceBatch = {
    tolerance: REFERENCE_TOLERANCE,
    backend: tf.getBackend(),
    steps: input.steps,
    ids,
    padding,
    logits: await referenceLogits(model, ids, padding),
  };

  return [
    { path: BUNDLE_FILES.config, bytes: jsonBytes(config) },
    { path: BUNDLE_FILES.weights, bytes: weightsBytes },
    { path: BUNDLE_FILES.tokenizer, bytes: encodeText(tokenizerFileText(corpus.tokenizer)) },
    { path: BUNDLE_FILES.trainText, bytes: trainBytes },
    { path: BUNDLE_FILES.validationText, bytes: validationBytes },
    { path: BUNDLE_FILES.tokens, bytes: tokensBytes },
    // Compact: the logits are most of this file, and indentation would triple it.
    { path: BUNDLE_FILES.reference, bytes: encodeText(`${JSON.stringify(reference)}\n`) },
    { path: BUNDLE_FILES.readme, bytes: encodeText(bundleReadme(config)) },
    ...[...input.python]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((file) => ({ path: `${BUNDLE_FILES.pythonDir}/${file.name}`, bytes: encodeText(file.text) })),
  ];
}

function sortedKeys(value: object): [string, unknown][] {
  return Object.entries(value).sort(([a], [b]) => a.localeCompare(b));
}
