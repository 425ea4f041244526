/**
 * A run as a JSON file someone can keep or send: what was asked (config, seed, the experiment link), where it
 * ran (backend, adapter, app version) and what was measured (metric series). Reading a file never throws: a
 * file that is not JSON, not a run, or holds impossible values gives one readable message.
 */
import { EXPERIMENT_FIELDS, SCHEMA_VERSION, type ExperimentSettings } from '../../settings/schema';
import { parseSettings, serializeSettings } from '../../settings/urlState';
import { describeRun, type RunRecord, type TrainingPoint, type ValidationPoint } from './runRecord';
import type { RunInfo, RunStatus } from '../../../worker/computeApi';
import { describeError } from '../../shared/format/describeError';

export const RUN_FILE_FORMAT = 'linformer-lab-run';
export const RUN_FILE_VERSION = 1;
/** Larger files are refused before parsing (a long run at one point per step is well under this). */
export const MAX_RUN_FILE_BYTES = 50 * 2 ** 20;
const MAX_POINTS = 1_000_000;

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

class Invalid extends Error {}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function field(obj: Record<string, unknown>, key: string, where: string): unknown {
  if (!(key in obj)) throw new Invalid(`${where} is missing "${key}".`);
  return obj[key];
}

function text(obj: Record<string, unknown>, key: string, where: string, maxLength = 500): string {
  const value = field(obj, key, where);
  if (typeof value !== 'string' || value.length > maxLength) throw new Invalid(`${where}: "${key}" must be text.`);
  return value;
}

function finite(obj: Record<string, unknown>, key: string, where: string, optional = false): number | undefined {
  if (optional && obj[key] === undefined) return undefined;
  const value = field(obj, key, where);
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new Invalid(`${where}: "${key}" must be a number.`);
  return value;
}

function positive(obj: Record<string, unknown>, key: string, where: string, optional = false): number | undefined {
  const value = finite(obj, key, where, optional);
  if (value !== undefined && !(value > 0)) throw new Invalid(`${where}: "${key}" must be a positive number.`);
  return value;
}

function flag(obj: Record<string, unknown>, key: string, where: string): boolean | undefined {
  const value = obj[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') throw new Invalid(`${where}: "${key}" must be true or false.`);
  return value;
}

/**
 * A series of points with the given numeric keys (and optional numeric and true/false keys, which files written
 * before they existed lack), steps increasing.
 */
function series<T>(
  value: unknown,
  name: string,
  keys: readonly string[],
  optional: readonly string[] = [],
  optionalFlags: readonly string[] = [],
): T[] {
  if (!Array.isArray(value)) throw new Invalid(`The ${name} series must be a list.`);
  if (value.length > MAX_POINTS) throw new Invalid(`The ${name} series has more than ${MAX_POINTS} points.`);
  let lastStep = -Infinity;
  return value.map((raw, i) => {
    const where = `Point ${i + 1} of the ${name} series`;
    if (!isRecord(raw)) throw new Invalid(`${where} is not an object.`);
    const point: Record<string, number | boolean> = {};
    for (const key of keys) point[key] = finite(raw, key, where) as number;
    for (const key of optional) {
      const v = finite(raw, key, where, true);
      if (v !== undefined) point[key] = v;
    }
    for (const key of optionalFlags) {
      const v = flag(raw, key, where);
      if (v !== undefined) point[key] = v;
    }
    const step = point.step as number;
    if (!Number.isInteger(step) || step <= lastStep || step < 0)
      throw new Invalid(`${where}: steps must be whole numbers in increasing order.`);
    if (point.gradNorm !== undefined && !((point.gradNorm as number) >= 0))
      throw new Invalid(`${where}: "gradNorm" must not be negative.`);
    lastStep = step;
    return point as T;
  });
}

/**
 * Settings are checked by the same schema that checks links: every field must be present, of the right kind and
 * in range; a file is refused rather than silently repaired, so an imported run is exactly what was measured.
 */
function settingsFrom(value: unknown): ExperimentSettings {
  if (!isRecord(value)) throw new Invalid('The file has no "config" object with the experiment settings.');
  const params = new URLSearchParams();
  params.set('v', String(SCHEMA_VERSION));
  for (const spec of EXPERIMENT_FIELDS) {
    const raw = value[spec.name];
    if (raw === undefined) throw new Invalid(`The config is missing the setting "${spec.name}".`);
    const ok =
      spec.type === 'intList'
        ? Array.isArray(raw) && raw.every((v) => typeof v === 'number')
        : spec.type === 'choice'
          ? typeof raw === 'string'
          : typeof raw === 'number';
    if (!ok) throw new Invalid(`The config's "${spec.name}" has the wrong type.`);
    const textValue = Array.isArray(raw) ? raw.join(',') : String(raw);
    // An empty list is the default ("not set"); the link format writes it by leaving the key out.
    if (textValue !== '') params.set(spec.key, textValue);
  }
  const unknown = Object.keys(value).filter((key) => !EXPERIMENT_FIELDS.some((spec) => spec.name === key));
  if (unknown.length) throw new Invalid(`The config has unknown settings: ${unknown.slice(0, 5).join(', ')}.`);
  const { settings, notices } = parseSettings(`?${params.toString()}`);
  if (notices.length) throw new Invalid(`The config is not valid: ${notices.join(' ')}`);
  return settings;
}

function infoFrom(value: unknown): RunInfo | null {
  if (value === null || value === undefined) return null;
  if (!isRecord(value)) throw new Invalid('"info" must be an object or null.');
  const parameters = value.parameters;
  if (!isRecord(parameters)) throw new Invalid('"info" is missing the parameter counts.');
  const info: RunInfo = {
    vocabSize: finite(value, 'vocabSize', 'info') as number,
    parameters: {
      total: finite(parameters, 'total', 'info.parameters') as number,
      trainable: finite(parameters, 'trainable', 'info.parameters') as number,
    },
    trainTokens: finite(value, 'trainTokens', 'info') as number,
    validationTokens: finite(value, 'validationTokens', 'info') as number,
    unigramPerplexity: positive(value, 'unigramPerplexity', 'info') as number,
  };
  // Files written before the scored-positions baseline or the context-blind floor existed simply lack them.
  const scored = positive(value, 'scoredUnigramPerplexity', 'info', true);
  const floor = positive(value, 'contextBlindPerplexity', 'info', true);
  return {
    ...info,
    ...(scored !== undefined ? { scoredUnigramPerplexity: scored } : {}),
    ...(floor !== undefined ? { contextBlindPerplexity: floor } : {}),
  };
}

function readObject(data: unknown): RunRecord {
  if (!isRecord(data) || data.format !== RUN_FILE_FORMAT)
    throw new Invalid('This is not a Linformer Lab run file (its "format" is not "linformer-lab-run").');
  if (data.formatVersion !== RUN_FILE_VERSION)
    throw new Invalid(
      `This run file has format version ${String(data.formatVersion).slice(0, 20)}; this app reads ${RUN_FILE_VERSION}.`,
    );
  const settings = settingsFrom(data.config);
  if (data.seed !== undefined && data.seed !== settings.seed)
    throw new Invalid('The file\'s "seed" does not match the seed in its config.');
  const statusValue = field(data, 'status', 'The file');
  if (typeof statusValue !== 'string' || !(STATUSES as readonly string[]).includes(statusValue))
    throw new Invalid(`Unknown run status in the file.`);
  const status = statusValue as RunStatus;
  const metricSeries = field(data, 'series', 'The file');
  if (!isRecord(metricSeries)) throw new Invalid('The file has no "series" object with the metrics.');
  const adapter = data.adapter;
  if (adapter !== null && typeof adapter !== 'string') throw new Invalid('"adapter" must be text or null.');
  const startedAt = text(data, 'startedAt', 'The file', 40);
  if (Number.isNaN(Date.parse(startedAt))) throw new Invalid('"startedAt" is not a date.');
  const id = text(data, 'id', 'The file', 100);
  if (id.trim() === '') throw new Invalid('The run has an empty "id".');
  const message = data.message === undefined ? undefined : text(data, 'message', 'The file', 2000);
  return {
    id,
    label: describeRun(settings),
    settings,
    startedAt,
    backend: text(data, 'backend', 'The file', 40),
    adapter: adapter === null ? null : (adapter as string).slice(0, 200),
    appVersion: text(data, 'appVersion', 'The file', 40),
    // A run cannot be resumed from a file: one that was still going when exported counts as stopped.
    status: ['preparing', 'idle', 'running', 'paused'].includes(status) ? 'stopped' : status,
    ...(message !== undefined ? { message } : {}),
    info: infoFrom(data.info),
    training: series<TrainingPoint>(
      metricSeries.training,
      'training',
      ['step', 'loss', 'learningRate', 'msPerStep', 'tokensPerSecond', 'numTensors'],
      ['numBytesInGPU', 'gradNorm'],
      ['clipped'],
    ),
    validation: series<ValidationPoint>(metricSeries.validation, 'validation', ['step', 'loss', 'perplexity']),
  };
}

/** Reads a run file's text; never throws. */
export function readRunFile(textContent: string): ReadResult {
  if (textContent.length > MAX_RUN_FILE_BYTES) return { ok: false, error: 'The file is too large to be a run file.' };
  let data: unknown;
  try {
    data = JSON.parse(textContent);
  } catch {
    return { ok: false, error: 'The file is not valid JSON.' };
  }
  try {
    return { ok: true, run: readObject(data) };
  } catch (error) {
    if (error instanceof Invalid) return { ok: false, error: error.message };
    return { ok: false, error: `The run file could not be read: ${describeError(error)}` };
  }
}
