/**
 * Fine-tune results as a JSON file someone can keep, send or load into another browser, and the check every
 * stored or imported result passes. Reading never throws: a file that is not JSON, not a results file, or holds
 * an impossible value is refused as a whole with one readable message, so an imported table is exactly what was
 * measured.
 */
import { CORPORA } from '../../../lib/data/corpora';
import { CLASSIFICATION_DATASETS, POOLINGS } from '../../../lib/finetune';
import { configProblems, type ModelConfig } from '../../../lib/model/config';
import { EXPERIMENT_FIELDS, type FieldSpec } from '../../settings/schema';
import type { StoredFineTune } from './storedFinetune';
import type { FineTuneResult } from '../../../worker/finetuneTypes';

export const FINETUNE_FILE_FORMAT = 'linformer-lab-finetunes';
export const FINETUNE_FILE_VERSION = 1;
/** A result is well under a kilobyte: thousands of them fit. */
export const MAX_FINETUNE_FILE_BYTES = 10 * 2 ** 20;
const MAX_LINK_LENGTH = 2000;

export interface FineTuneFile {
  format: typeof FINETUNE_FILE_FORMAT;
  formatVersion: number;
  appVersion: string;
  exportedAt: string;
  results: StoredFineTune[];
}

export type ReadFineTunesResult = { ok: true; results: StoredFineTune[] } | { ok: false; error: string };

export function toFineTuneFile(results: readonly StoredFineTune[], appVersion: string, now = new Date()): FineTuneFile {
  return {
    format: FINETUNE_FILE_FORMAT,
    formatVersion: FINETUNE_FILE_VERSION,
    appVersion,
    exportedAt: now.toISOString(),
    results: [...results],
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const oneOf = (choices: readonly string[]) => (v: unknown) => typeof v === 'string' && choices.includes(v);
const wholeAtLeast = (min: number) => (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= min;
const fraction = (v: unknown) => typeof v === 'number' && v >= 0 && v <= 1;
const nonNegative = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= 0;

/** Each result field with the test its value must pass, and how the test reads in a message. */
const RESULT_CHECKS: Record<Exclude<keyof FineTuneResult, 'model'>, [(v: unknown) => boolean, string]> = {
  dataset: [oneOf(CLASSIFICATION_DATASETS.map((d) => d.id)), 'a known sentence set'],
  start: [oneOf(['trained', 'fresh']), '"trained" or "fresh"'],
  corpus: [oneOf(CORPORA.map((c) => c.id)), 'a known corpus'],
  pretrainingSteps: [wholeAtLeast(0), 'a whole number ≥ 0'],
  pooling: [oneOf(POOLINGS), 'a known pooling'],
  steps: [wholeAtLeast(0), 'a whole number ≥ 0'],
  learningRate: [(v) => typeof v === 'number' && v > 0 && Number.isFinite(v), 'a positive number'],
  batchSize: [wholeAtLeast(1), 'a whole number ≥ 1'],
  seed: [wholeAtLeast(0), 'a whole number ≥ 0'],
  trainExamples: [wholeAtLeast(1), 'a whole number ≥ 1'],
  devExamples: [wholeAtLeast(1), 'a whole number ≥ 1'],
  devTruncated: [fraction, 'a fraction from 0 to 1'],
  devAccuracy: [fraction, 'a fraction from 0 to 1'],
  devLoss: [nonNegative, 'a number ≥ 0'],
  majorityAccuracy: [fraction, 'a fraction from 0 to 1'],
  unknownCharacters: [fraction, 'a fraction from 0 to 1'],
  seconds: [nonNegative, 'a number ≥ 0'],
  stoppedEarly: [(v) => typeof v === 'boolean', 'true or false'],
};

function choicesOf(name: 'attention' | 'sharing' | 'projection'): readonly string[] {
  const field: FieldSpec | undefined = EXPERIMENT_FIELDS.find((spec) => spec.name === name);
  return field?.type === 'choice' ? field.choices : [];
}

function modelProblem(value: unknown): string | null {
  if (!isRecord(value)) return '"model" must be an object.';
  for (const name of ['attention', 'sharing', 'projection'] as const)
    if (!oneOf(choicesOf(name))(value[name])) return `"model.${name}" is not one of ${choicesOf(name).join(', ')}.`;
  const numbers = ['layers', 'heads', 'dModel', 'dFF', 'seqLen', 'vocabSize', 'dropout', 'seed'] as const;
  for (const name of numbers) if (typeof value[name] !== 'number') return `"model.${name}" must be a number.`;
  if (!Array.isArray(value.kPerLayer) || !value.kPerLayer.every((k) => typeof k === 'number'))
    return '"model.kPerLayer" must be a list of numbers.';
  const problems = configProblems(value as unknown as ModelConfig);
  return problems.length ? `the model is impossible: ${problems[0]}` : null;
}

/** Why a value is not a stored fine-tune result, or null when it is one. */
export function storedFineTuneProblem(value: unknown): string | null {
  if (!isRecord(value)) return 'it is not an object.';
  if (typeof value.id !== 'string' || value.id.trim() === '' || value.id.length > 100)
    return '"id" must be non-empty text.';
  if (typeof value.finishedAt !== 'string' || Number.isNaN(Date.parse(value.finishedAt)))
    return '"finishedAt" must be a date.';
  if (value.link !== undefined && (typeof value.link !== 'string' || value.link.length > MAX_LINK_LENGTH))
    return `"link" must be text of at most ${MAX_LINK_LENGTH} characters.`;
  if (value.backend !== undefined && (typeof value.backend !== 'string' || value.backend.length > 40))
    return '"backend" must be a short text.';
  const result = value.result;
  if (!isRecord(result)) return '"result" must be an object.';
  for (const [name, [test, wanted]] of Object.entries(RESULT_CHECKS))
    if (!test(result[name])) return `"result.${name}" must be ${wanted}.`;
  return modelProblem(result.model);
}

/** Reads a results file's text; never throws. */
export function readFineTuneFile(text: string): ReadFineTunesResult {
  if (text.length > MAX_FINETUNE_FILE_BYTES) return { ok: false, error: 'The file is too large to be a results file.' };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, error: 'The file is not valid JSON.' };
  }
  if (!isRecord(data) || data.format !== FINETUNE_FILE_FORMAT)
    return {
      ok: false,
      error: `This is not a fine-tune results file (its "format" is not "${FINETUNE_FILE_FORMAT}").`,
    };
  if (data.formatVersion !== FINETUNE_FILE_VERSION)
    return {
      ok: false,
      error: `This results file has format version ${String(data.formatVersion).slice(0, 20)}; this app reads ${FINETUNE_FILE_VERSION}.`,
    };
  if (!Array.isArray(data.results)) return { ok: false, error: 'The file has no "results" list.' };
  for (const [index, entry] of data.results.entries()) {
    const problem = storedFineTuneProblem(entry);
    if (problem) return { ok: false, error: `Result ${index + 1} cannot be read: ${problem}` };
  }
  return { ok: true, results: data.results as StoredFineTune[] };
}
