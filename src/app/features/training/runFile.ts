/**
 * A run as a JSON file someone can keep or send: what was asked (config, seed, the experiment link), where it
 * ran (backend, adapter, app version) and what was measured (metric series). The format is a zod schema read
 * through the shared file reader: a file that is not JSON, not a run, or holds impossible values (settings out
 * of range, a model the encoder cannot build, steps or metrics no run can produce) gives one readable message.
 */
import { z } from 'zod';
import {
  EXPERIMENT_FIELDS,
  SCHEMA_VERSION,
  fieldByName,
  type ExperimentSettings,
  type FieldSpec,
  type SettingName,
} from '../../settings/schema';
import { parseSettings, serializeSettings } from '../../settings/urlState';
import { toRunSpec } from '../../settings/toRunSpec';
import { configProblems } from '../../../lib/model/config';
import { formatCount } from '../../shared/format/format';
import { describeRun, type RunRecord, type TrainingPoint, type ValidationPoint } from './runRecord';
import type { RunInfo, RunStatus } from '../../../worker/computeApi';
import {
  oneOf,
  readValidatedFile,
  versionedFile,
  wholeFile,
  withListLimits,
  type Locate,
  type Schema,
} from '../../shared/storage/validatedFile';

export const RUN_FILE_FORMAT = 'linformer-lab-run';
export const RUN_FILE_VERSION = 1;
/** Larger files are refused before parsing (a long run at one point per step is well under this). */
export const MAX_RUN_FILE_BYTES = 50 * 2 ** 20;
/** A corpus's characters or its BPE vocabulary: far below 2^16 for every corpus this app builds. */
const MAX_VOCAB_SIZE = 2 ** 16;
/**
 * A run records at most one point per step, steps 0 to its total, and no run has more steps than the settings
 * allow: a longer series cannot have been measured, and is refused before its points are read.
 */
export const MAX_POINTS = fieldMax('steps') + 1;

export interface RunFile {
  format: typeof RUN_FILE_FORMAT;
  formatVersion: number;
  schemaVersion: number;
  appVersion: string;
  exportedAt: string;
  id: string;
  label: string;
  startedAt: string;
  status: RunStatus;
  message?: string;
  backend: string;
  adapter: string | null;
  seed: number;
  /** The experiment's address query (short keys), so the run can be reopened as a link. */
  link: string;
  config: ExperimentSettings;
  info: RunInfo | null;
  series: { training: TrainingPoint[]; validation: ValidationPoint[] };
}

export type ReadResult = { ok: true; run: RunRecord } | { ok: false; error: string };

export function toRunFile(run: RunRecord, exportedAt = new Date()): RunFile {
  return {
    format: RUN_FILE_FORMAT,
    formatVersion: RUN_FILE_VERSION,
    schemaVersion: SCHEMA_VERSION,
    appVersion: run.appVersion,
    exportedAt: exportedAt.toISOString(),
    id: run.id,
    label: run.label,
    startedAt: run.startedAt,
    status: run.status,
    ...(run.message !== undefined ? { message: run.message } : {}),
    backend: run.backend,
    adapter: run.adapter,
    seed: run.settings.seed,
    link: serializeSettings(run.settings),
    config: run.settings,
    info: run.info,
    series: { training: run.training, validation: run.validation },
  };
}

export function runFileName(run: RunRecord): string {
  return `linformer-run ${run.label} ${run.startedAt.slice(0, 19)}`;
}

const STATUSES: readonly RunStatus[] = ['preparing', 'idle', 'running', 'paused', 'stopped', 'finished', 'failed'];
/** A run cannot be resumed from a file: one that was still going when exported counts as stopped. */
const UNFINISHED: readonly RunStatus[] = ['preparing', 'idle', 'running', 'paused'];

function fieldMax(name: SettingName): number {
  const field = fieldByName(name);
  return field.type === 'choice' ? 0 : field.max;
}

/** A setting as the settings schema describes it: the same kinds and ranges a link is held to. */
function settingSchema(spec: FieldSpec): z.ZodTypeAny {
  switch (spec.type) {
    case 'int':
      return z.number().int().min(spec.min).max(spec.max);
    case 'float':
      return z.number().finite().min(spec.min).max(spec.max);
    case 'choice':
      return oneOf(spec.choices);
    case 'intList':
      return z.array(z.number().int().min(spec.min).max(spec.max)).max(spec.maxLength);
  }
}

/** The settings as an address query, the form in which links are checked. */
function settingsQuery(values: Record<string, unknown>): string {
  const params = new URLSearchParams();
  params.set('v', String(SCHEMA_VERSION));
  for (const spec of EXPERIMENT_FIELDS) {
    const raw = values[spec.name];
    const text = Array.isArray(raw) ? raw.join(',') : String(raw);
    // An empty list is the default ("not set"); the link format writes it by leaving the key out.
    if (text !== '') params.set(spec.key, text);
  }
  return `?${params.toString()}`;
}

/**
 * Settings are held to the schema that checks links: every field present, of its kind and in range, no unknown
 * field, k within n and one k per layer. A file is refused rather than silently repaired (as a link would be),
 * so an imported run is exactly what was measured; the settings are then read the way a link is read.
 */
const MISSING_IN_OLD_FILES: Record<string, string> = { projectionInit: 'normal', tokenizer: 'char' };

const settingsSchema: Schema<ExperimentSettings> = z
  .object(
    Object.fromEntries(
      EXPERIMENT_FIELDS.map((spec) => [
        spec.name,
        // Files written before a setting existed were trained as it now says by default, except the projection
        // init, which was N(0, 1/k) until it became a setting.
        spec.name in MISSING_IN_OLD_FILES ? settingSchema(spec).default(MISSING_IN_OLD_FILES[spec.name]) : settingSchema(spec),
      ]),
    ),
  )
  .strict()
  .superRefine((raw, ctx) => {
    const settings = raw as ExperimentSettings;
    const n = settings.seqLen;
    if (settings.k > n) ctx.addIssue({ code: 'custom', path: ['k'], message: `cannot exceed n = ${n}` });
    if (settings.kPerLayer.length > 0 && settings.kPerLayer.length !== settings.layers) {
      ctx.addIssue({
        code: 'custom',
        path: ['kPerLayer'],
        message: `lists ${formatCount(settings.kPerLayer.length, 'value')} for ${formatCount(settings.layers, 'layer')}`,
      });
      return;
    }
    const above = settings.kPerLayer.findIndex((k) => k > n);
    if (above >= 0) ctx.addIssue({ code: 'custom', path: ['kPerLayer', above], message: `cannot exceed n = ${n}` });
  })
  .superRefine((raw, ctx) => {
    // Whatever else a link would repair (nothing, once the checks above pass) refuses the file.
    const { notices } = parseSettings(settingsQuery(raw));
    if (notices.length)
      ctx.addIssue({ code: 'custom', message: `The run's config is not valid: ${notices.join(' ')}` });
  })
  .transform((raw) => parseSettings(settingsQuery(raw)).settings);

const stepNumber = z.number().int().nonnegative();
/** Losses, rates and times: finite and never negative. */
const amount = z.number().finite().nonnegative();
const count = z.number().int().nonnegative();
/** A perplexity is the exponential of a cross-entropy, so at least 1. */
const perplexity = z.number().finite().positive().min(1);

const trainingPoint: Schema<TrainingPoint> = z.object({
  step: stepNumber,
  loss: amount,
  learningRate: amount,
  msPerStep: amount,
  tokensPerSecond: amount,
  numTensors: count,
  // Optional: runs recorded before the app kept them (or on a backend without GPU memory) lack them.
  numBytesInGPU: amount.optional(),
  gradNorm: amount.optional(),
  clipped: z.boolean().optional(),
});

const validationPoint: Schema<ValidationPoint> = z.object({ step: stepNumber, loss: amount, perplexity });

/** A series of points, steps in increasing order. */
function series<T extends { step: number }>(point: Schema<T>) {
  return z
    .array(point)
    .max(MAX_POINTS)
    .superRefine((points, ctx) => {
      const i = points.findIndex((p, index) => index > 0 && p.step <= points[index - 1].step);
      if (i > 0)
        ctx.addIssue({
          code: 'custom',
          path: [i, 'step'],
          message: `is out of increasing order after step ${points[i - 1].step}`,
        });
    });
}

const infoSchema: Schema<RunInfo> = z.object({
  vocabSize: z.number().int().positive().max(MAX_VOCAB_SIZE),
  parameters: z.object(
    { total: count, trainable: count },
    { message: 'must hold the parameter counts (total and trainable)' },
  ),
  trainTokens: count,
  validationTokens: count,
  unigramPerplexity: perplexity,
  // Files written before the scored-positions baseline or the context-blind floor existed simply lack them.
  scoredUnigramPerplexity: perplexity.optional(),
  contextBlindPerplexity: perplexity.optional(),
});

const runBody = z
  .object({
    id: z
      .string()
      .max(100)
      .refine((id) => id.trim() !== '', 'must not be empty'),
    startedAt: z
      .string()
      .max(40)
      .refine((date) => !Number.isNaN(Date.parse(date)), 'is not a date'),
    status: oneOf(STATUSES),
    message: z.string().max(2000).optional(),
    backend: z.string().max(40),
    adapter: z.string().nullable(),
    appVersion: z.string().max(40),
    config: settingsSchema,
    seed: z.number().optional(),
    info: infoSchema.nullish(),
    series: z.object({ training: series(trainingPoint), validation: series(validationPoint) }),
  })
  .superRefine((file, ctx) => {
    const settings = file.config;
    if (file.seed !== undefined && file.seed !== settings.seed)
      ctx.addIssue({
        code: 'custom',
        path: ['seed'],
        message: `does not match the seed in its config, ${settings.seed}`,
      });
    // The model the run trained, as the worker builds it. Its vocabulary is the corpus's; a run that never
    // started has no info, and configProblems asks of the size only that it be a positive whole number.
    const problems = configProblems({ ...toRunSpec(settings).model, vocabSize: file.info?.vocabSize ?? 1 });
    if (problems.length)
      ctx.addIssue({ code: 'custom', path: ['config'], message: `describes an impossible model: ${problems[0]}` });
    for (const name of ['training', 'validation'] as const) {
      const beyond = file.series[name].findIndex((point) => point.step > settings.steps);
      if (beyond >= 0)
        ctx.addIssue({
          code: 'custom',
          path: ['series', name, beyond, 'step'],
          message: `is beyond the run's ${formatCount(settings.steps, 'step')}`,
        });
    }
  })
  .transform((file): RunRecord => ({
    id: file.id,
    label: describeRun(file.config),
    settings: file.config,
    startedAt: file.startedAt,
    backend: file.backend,
    adapter: file.adapter === null ? null : file.adapter.slice(0, 200),
    appVersion: file.appVersion,
    status: UNFINISHED.includes(file.status) ? 'stopped' : file.status,
    ...(file.message !== undefined ? { message: file.message } : {}),
    info: file.info ?? null,
    training: file.series.training,
    validation: file.series.validation,
  }));

/** Points of a series are records of their own in messages ("Point 3 of the training series: …"). */
const locate: Locate = (path) =>
  path[0] === 'series' && typeof path[2] === 'number'
    ? { record: `Point ${path[2] + 1} of the ${String(path[1])} series: `, field: path.slice(3) }
    : wholeFile('run file')(path);

const RUN_FILE = {
  kind: 'run file',
  maxChars: MAX_RUN_FILE_BYTES,
  schema: versionedFile(
    { format: RUN_FILE_FORMAT, version: RUN_FILE_VERSION, kind: 'run file', description: 'a Linformer Lab run file' },
    withListLimits(
      (['training', 'validation'] as const).map((name) => ({
        path: ['series', name],
        max: MAX_POINTS,
        message: (length: number) =>
          `The ${name} series holds ${length} points; a run records at most one per step, and no run has more than ${fieldMax('steps')} steps, so the file was not imported.`,
      })),
      runBody,
    ),
  ),
  locate,
};

/** Reads a run file's text; never throws. */
export function readRunFile(text: string): ReadResult {
  const read = readValidatedFile(text, RUN_FILE);
  return read.ok ? { ok: true, run: read.value } : read;
}
