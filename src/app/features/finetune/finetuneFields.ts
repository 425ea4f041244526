/**
 * The fine-tune settings as a field table, like the experiment's: they travel in the same address (keys
 * starting with "f"), so a shared link opens the fine-tune section with the same sentence set, starting point,
 * pooling and schedule. The seed is the experiment's own (one seed per link).
 */
import type { ClassificationDatasetId, Pooling } from '../../../lib/finetune';
import { FINETUNE_LIMITS, type FineTuneStart } from '../../../worker/finetuneTypes';
import { defaultValues, type FieldSpec, type ValuesOf } from '../../settings/schema';
import { readFields, writeFields } from '../../settings/urlState';

export const FINETUNE_FIELDS = [
  {
    name: 'dataset',
    key: 'ft',
    label: 'Sentences',
    help: 'Labelled sentences to classify: the UCI sentiment sentences, or a balanced sample of IMDB reviews.',
    type: 'choice',
    default: 'uci-sentiment',
    choices: ['uci-sentiment', 'imdb-sample'] as const satisfies readonly ClassificationDatasetId[],
    choiceLabels: { 'uci-sentiment': 'UCI sentiment sentences', 'imdb-sample': 'IMDB review sample' },
  },
  {
    name: 'start',
    key: 'fs',
    label: 'Start from',
    help: 'Fine-tune a copy of a trained model (the latest run’s unless you choose another), or fresh weights of the same size (no pretraining).',
    type: 'choice',
    default: 'trained',
    choices: ['trained', 'fresh'] as const satisfies readonly FineTuneStart[],
    choiceLabels: { trained: 'a trained model', fresh: 'no pretraining (fresh weights)' },
  },
  {
    name: 'pooling',
    key: 'fp',
    label: 'Pooling',
    help: 'How the classifier reads one vector per sentence: the mean over real characters, or the first position.',
    type: 'choice',
    default: 'mean',
    choices: ['mean', 'first'] as const satisfies readonly Pooling[],
    choiceLabels: { mean: 'mean over real tokens', first: 'first token (summary slot)' },
  },
  {
    name: 'steps',
    key: 'fn',
    label: 'Fine-tune steps',
    help: 'Fine-tuning updates.',
    type: 'int',
    // 200 steps beat the majority class on the UCI sentences from fresh weights in a few minutes of SwiftShader
    // (Node, scripts/bench-finetune.ts: 55–58% against 50% for a 1-layer d = 32 model at n = 16).
    default: 200,
    min: FINETUNE_LIMITS.steps.min,
    max: FINETUNE_LIMITS.steps.max,
  },
  {
    name: 'learningRate',
    key: 'flr',
    label: 'Learning rate',
    help: "AdamW's learning rate for fine-tuning.",
    type: 'float',
    default: 0.01,
    min: 1e-5,
    max: 0.1,
    log: true,
  },
  // Capped below the worker's limit: a batch of more than 64 sentences gains nothing at these sizes.
  {
    name: 'batchSize',
    key: 'fb',
    label: 'Batch size',
    help: 'Sentences per fine-tuning step.',
    type: 'int',
    default: 16,
    min: 1,
    max: 64,
  },
] as const satisfies readonly FieldSpec[];

export type FineTuneChoices = ValuesOf<typeof FINETUNE_FIELDS>;

export const FINETUNE_KEYS: ReadonlySet<string> = new Set(FINETUNE_FIELDS.map((field) => field.key));

export function defaultFineTuneChoices(): FineTuneChoices {
  return defaultValues(FINETUNE_FIELDS);
}

export interface ParsedFineTuneChoices {
  choices: FineTuneChoices;
  /** One sentence per repair (plain text), as for the experiment settings. */
  notices: string[];
}

/** Reads the fine-tune settings from the same query string; other keys are the experiment's business. */
export function parseFineTuneChoices(search: string): ParsedFineTuneChoices {
  const notices: string[] = [];
  const { values } = readFields(FINETUNE_FIELDS, new URLSearchParams(search), notices);
  return { choices: values, notices };
}

/** The query keys of fine-tune choices that differ from the defaults, for adding to an experiment link. */
export function fineTuneParams(choices: FineTuneChoices): Record<string, string> {
  const params = new URLSearchParams();
  writeFields(FINETUNE_FIELDS, choices, params);
  return Object.fromEntries(params);
}
