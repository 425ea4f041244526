/**
 * Fine-tune results as a JSON file someone can keep, send or load into another browser, and the check every
 * stored or imported result passes. The format is a zod schema read through the shared file reader: a file
 * that is not JSON, not a results file, or holds an impossible value (a model the encoder cannot build or
 * larger than any this app trains, a fraction above 1, a step count beyond the worker's limit) is refused as
 * a whole with one readable message naming the result and the field, so an imported table is exactly what was
 * measured.
 */
import { z } from 'zod';
import { CORPORA } from '../../../lib/data/corpora';
// The modules themselves, not lib/finetune's index, which reaches tfjs (the page never loads it).
import { CLASSIFICATION_DATASETS } from '../../../lib/finetune/classificationDataset';
import { POOLINGS } from '../../../lib/finetune/pooling';
import {
  configProblems,
  type AttentionKind,
  type ModelConfig,
  type ProjectionKind,
  type Sharing,
} from '../../../lib/model/config';
import { fieldByName, type SettingName } from '../../settings/schema';
import {
  checkValue,
  listEntries,
  oneOf,
  readValidatedFile,
  versionedFile,
  wholeFile,
  withListLimits,
  type Schema,
} from '../../shared/storage/validatedFile';
import type { StoredFineTune } from './storedFinetune';
import { FINETUNE_LIMITS, type FineTuneResult } from '../../../worker/finetuneTypes';

export const FINETUNE_FILE_FORMAT = 'linformer-lab-finetunes';
export const FINETUNE_FILE_VERSION = 1;
/** A result is well under a kilobyte: thousands of them fit. */
export const MAX_FINETUNE_FILE_BYTES = 10 * 2 ** 20;
const MAX_LINK_LENGTH = 2000;
/** The vocabularies are a corpus's characters (about a hundred); none this app builds comes near 2^16. */
const MAX_VOCAB_SIZE = 2 ** 16;

/**
 * The most results one file may hold. The table shows them a page at a time, but each stored result is read on
 * every load: thousands more from one file would slow every later visit, so a larger file is refused whole, with
 * its count, rather than cut to an arbitrary part.
 */
export const MAX_FINETUNE_RESULTS_PER_FILE = 2000;

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

/** The largest value the experiment's settings allow (every fine-tuned model is built from them). */
function settingMax(name: SettingName): number {
  const field = fieldByName(name);
  return field.type === 'choice' ? 0 : field.max;
}

/** The choices of one of the settings' choice fields (the model's kinds are the settings' own). */
function choicesOf<T extends string>(name: 'attention' | 'sharing' | 'projection'): readonly T[] {
  const field = fieldByName(name);
  return field.type === 'choice' ? (field.choices as readonly T[]) : [];
}

/** A model size: at least 1 (configProblems' rule) and at most what the settings allow. */
const size = (name: SettingName) => z.number().int().min(1).max(settingMax(name));
const whole = (min: number, max = Number.MAX_SAFE_INTEGER) => z.number().int().min(min).max(max);
const FRACTION = 'must be a fraction from 0 to 1';
const fraction = z.number().min(0, FRACTION).max(1, FRACTION);
const amount = z.number().finite().nonnegative();
const MAX_ID_LENGTH = 100;
/** A run in words ("linformer k=8, n=64, seed 1, moby-dick") is a few dozen characters. */
const MAX_RUN_LABEL_LENGTH = 200;
const nonEmptyText = (max: number) =>
  z
    .string()
    .max(max)
    .refine((text) => text.trim() !== '', 'must be non-empty text');

/**
 * The fine-tuned model: a fresh model is built from the experiment's settings and a trained one is the training
 * run's, so the settings' upper bounds hold for both; configProblems then refuses what the encoder cannot build.
 */
const modelSchema: Schema<ModelConfig> = z
  .object({
    layers: size('layers'),
    heads: size('heads'),
    dModel: size('dModel'),
    dFF: size('dFF'),
    seqLen: size('seqLen'),
    vocabSize: whole(1, MAX_VOCAB_SIZE),
    dropout: z.number().finite(),
    attention: oneOf(choicesOf<AttentionKind>('attention')),
    sharing: oneOf(choicesOf<Sharing>('sharing')),
    projection: oneOf(choicesOf<ProjectionKind>('projection')),
    kPerLayer: z.array(size('k')).max(settingMax('layers')),
    seed: whole(0, settingMax('seed')),
  })
  .superRefine((model, ctx) => {
    const problems = configProblems(model);
    if (problems.length) ctx.addIssue({ code: 'custom', message: `is an impossible model: ${problems[0]}` });
  });

const resultSchema: Schema<FineTuneResult> = z.object({
  dataset: oneOf(CLASSIFICATION_DATASETS.map((d) => d.id)),
  start: z.enum(['trained', 'fresh']),
  model: modelSchema,
  corpus: oneOf(CORPORA.map((c) => c.id)),
  pretrainingSteps: whole(0, settingMax('steps')),
  // The run a trained start copied; results kept or exported before it was recorded lack it.
  trainedRunId: nonEmptyText(MAX_ID_LENGTH).optional(),
  trainedRunLabel: nonEmptyText(MAX_RUN_LABEL_LENGTH).optional(),
  pooling: oneOf(POOLINGS),
  steps: whole(0, FINETUNE_LIMITS.steps.max),
  learningRate: z.number().finite().positive(),
  batchSize: whole(1, FINETUNE_LIMITS.batchSize.max),
  seed: whole(0, settingMax('seed')),
  trainExamples: whole(1),
  devExamples: whole(1),
  devTruncated: fraction,
  devAccuracy: fraction,
  devLoss: amount,
  majorityAccuracy: fraction,
  unknownCharacters: fraction,
  seconds: amount,
  stoppedEarly: z.boolean(),
});

const storedSchema: Schema<StoredFineTune> = z.object({
  id: nonEmptyText(MAX_ID_LENGTH),
  finishedAt: z.string().refine((date) => !Number.isNaN(Date.parse(date)), 'must be a date'),
  // Results kept before links and backends were recorded lack them.
  link: z.string().max(MAX_LINK_LENGTH).optional(),
  backend: z.string().max(40).optional(),
  result: resultSchema,
});

const NO_RESULTS = 'The file has no "results" list.';

const FINETUNE_FILE = {
  kind: 'results file',
  maxChars: MAX_FINETUNE_FILE_BYTES,
  schema: versionedFile(
    {
      format: FINETUNE_FILE_FORMAT,
      version: FINETUNE_FILE_VERSION,
      kind: 'results file',
      description: 'a fine-tune results file',
    },
    withListLimits(
      [
        {
          path: ['results'],
          max: MAX_FINETUNE_RESULTS_PER_FILE,
          message: (length) =>
            `The file holds ${length} results; this app imports at most ${MAX_FINETUNE_RESULTS_PER_FILE} from one file, so none were imported. Split it into smaller files.`,
        },
      ],
      z.object({ results: z.array(storedSchema, { message: NO_RESULTS }) }).transform(({ results }) => results),
    ),
  ),
  locate: listEntries('results', (index) => `Result ${index + 1} cannot be read: `, wholeFile('results file')),
};

/** Why a value is not a stored fine-tune result ('"result.devAccuracy" must be …'), or null when it is one. */
export function storedFineTuneProblem(value: unknown): string | null {
  const checked = checkValue(value, storedSchema);
  return checked.ok ? null : checked.error;
}

/** Reads a results file's text; never throws. */
export function readFineTuneFile(text: string): ReadFineTunesResult {
  const read = readValidatedFile(text, FINETUNE_FILE);
  return read.ok ? { ok: true, results: read.value } : read;
}
