/**
 * Experiment settings ↔ URL query. Parsing never throws: a damaged or hostile link is repaired
 * (values clamped, unknown or unreadable keys dropped) and every repair is reported as a plain-text
 * notice for the page to show.
 */
import {
  EXPERIMENT_FIELDS,
  SCHEMA_VERSION,
  VERSION_KEY,
  defaultValues,
  type ExperimentSettings,
  type FieldSpec,
  type ValuesOf,
} from './schema';
import { formatCount } from '../shared/format/format';

/** Keys that belong to the page but not to the experiment (kept as they are, never reported). */
const PAGE_KEYS = new Set(['backend']);

export interface ParsedSettings {
  settings: ExperimentSettings;
  /** One sentence per repair, for a visible notice. Plain text: render it as text, never as markup. */
  notices: string[];
}

/** Shortens and strips control characters from a value before it is quoted in a notice. */
export function quote(raw: string): string {
  const clean = Array.from(raw)
    .filter((ch) => ch.charCodeAt(0) >= 0x20 && ch.charCodeAt(0) !== 0x7f)
    .join('');
  return `"${clean.length > 32 ? `${clean.slice(0, 32)}…` : clean}"`;
}

/** A whole number as a person writes it in a link: decimal digits, an optional sign, nothing around them. */
const PLAIN_INTEGER = /^[+-]?\d+$/;
/** A decimal number, optionally with an exponent ("0.0005", "5e-4"); no hex, binary, Infinity or spaces. */
const PLAIN_DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

function parseField(field: FieldSpec, raw: string, notices: string[]): unknown {
  const reject = (why: string) => {
    notices.push(`${field.label}: ignored ${quote(raw)} (${why}); using ${formatValue(field, field.default)}.`);
    return undefined;
  };
  switch (field.type) {
    case 'choice':
      return field.choices.includes(raw) ? raw : reject(`expected one of ${field.choices.join(', ')}`);
    case 'int':
    case 'float': {
      if (raw.trim() === '') return reject('empty');
      const value = Number(raw);
      if (!Number.isFinite(value)) return reject('not a number');
      if (field.type === 'int' && !Number.isInteger(value)) return reject('not a whole number');
      // Number() also reads "0x40", "1e1", " 64" and "0b1": a link is read as written, in plain decimal only.
      if (!(field.type === 'int' ? PLAIN_INTEGER : PLAIN_DECIMAL).test(raw))
        return reject(field.type === 'int' ? 'write whole numbers in plain decimal digits' : 'write numbers in plain decimal');
      const clamped = Math.min(field.max, Math.max(field.min, value));
      if (clamped !== value)
        notices.push(`${field.label}: ${quote(raw)} is out of range ${field.min}–${field.max}; clamped to ${clamped}.`);
      return clamped;
    }
    case 'intList': {
      const parts = raw.split(',').map((part) => part.trim());
      if (parts.length > field.maxLength) return reject(`more than ${field.maxLength} values`);
      const values = parts.map(Number);
      if (parts.some((part) => !PLAIN_INTEGER.test(part)) || values.some((v) => v < field.min || v > field.max)) {
        return reject(`expected whole numbers from ${field.min} to ${field.max}, separated by commas`);
      }
      return values;
    }
  }
}

export function formatValue(_field: FieldSpec, value: unknown): string {
  return Array.isArray(value) ? (value.length ? value.join(',') : '(none)') : String(value);
}

/**
 * Reads the values of one field table from query parameters over its defaults, reporting every repair.
 * Returns the values and the keys that belong to no field of the table (the version and page keys aside).
 */
export function readFields<Table extends readonly FieldSpec[]>(
  fields: Table,
  params: URLSearchParams,
  notices: string[],
): { values: ValuesOf<Table>; otherKeys: string[] } {
  const values = defaultValues(fields) as Record<string, unknown>;
  const known = new Map<string, FieldSpec>(fields.map((field) => [field.key, field]));
  const otherKeys: string[] = [];
  // A key given twice ("n=64&n=256") is read once, from its last occurrence (as URLSearchParams.get's opposite,
  // the usual rule for repeated query keys), and the notice says so: repairs of the earlier ones would be untrue.
  const given = new Map<string, string[]>();
  for (const [key, raw] of params) given.set(key, [...(given.get(key) ?? []), raw]);
  for (const [key, raws] of given) {
    if (key === VERSION_KEY || PAGE_KEYS.has(key)) continue;
    const field = known.get(key);
    if (!field) {
      otherKeys.push(key);
      continue;
    }
    const raw = raws[raws.length - 1];
    if (raws.length > 1)
      notices.push(
        `${field.label}: the link gives ${quote(key)} ${raws.length} times (${raws.slice(0, 5).map(quote).join(', ')}${raws.length > 5 ? '…' : ''}); only the last, ${quote(raw)}, was read.`,
      );
    const value = parseField(field, raw, notices);
    if (value !== undefined) values[field.name] = value;
  }
  return { values: values as ValuesOf<Table>, otherKeys };
}

/** Sets the query keys of the values that differ from their field's default (and only those). */
export function writeFields(fields: readonly FieldSpec[], values: object, params: URLSearchParams): void {
  const byName = values as Record<string, unknown>;
  for (const field of fields) {
    const value = byName[field.name];
    const same = Array.isArray(value)
      ? value.length === (field.default as readonly number[]).length &&
        value.every((v, i) => v === (field.default as readonly number[])[i])
      : value === field.default;
    if (!same) params.set(field.key, formatValue(field, value));
  }
}

/**
 * Reads settings from a query string such as `?v=1&n=256&k=64`. Keys of other sections (`otherKeys`: fine-tuning's,
 * the efficiency lab's…) are theirs to read; any other key is reported as unknown, unless `otherKeys` is null
 * (the page reports unknown keys once every section has registered: settings/link.ts).
 */
export function parseSettings(search: string, otherKeys: ReadonlySet<string> | null = new Set()): ParsedSettings {
  const params = new URLSearchParams(search);
  const notices: string[] = [];

  const version = params.get(VERSION_KEY);
  // Version 1 had no projection-init key; its models were all initialised N(0, 1/k).
  const versionOne = version === '1';
  if (version !== null && version !== String(SCHEMA_VERSION) && !versionOne) {
    notices.push(
      `This link was made with settings version ${quote(version)}; this app reads version ${SCHEMA_VERSION}, so some values may not carry over.`,
    );
  }
  const { values: settings, otherKeys: unknownKeys } = readFields(EXPERIMENT_FIELDS, params, notices);
  const unknown = otherKeys === null ? [] : unknownKeys.filter((key) => !otherKeys.has(key)).map(quote);
  if (unknown.length)
    notices.push(
      `Ignored unknown setting${unknown.length > 1 ? 's' : ''} ${unknown.slice(0, 5).join(', ')}${unknown.length > 5 ? '…' : ''}.`,
    );

  if (versionOne && !params.has('pi')) settings.projectionInit = 'normal';
  notices.push(...reconcile(settings));
  return { settings, notices };
}

/**
 * Repairs combinations the fields cannot express alone, in place: k never exceeds n, and a per-layer
 * k list must have one value per layer. Returns the repairs made.
 */
export function reconcile(settings: ExperimentSettings): string[] {
  const notices: string[] = [];
  if (settings.k > settings.seqLen) {
    notices.push(`k (${settings.k}) cannot exceed n (${settings.seqLen}); set k to ${settings.seqLen}.`);
    settings.k = settings.seqLen;
  }
  if (settings.kPerLayer.length > 0) {
    if (settings.kPerLayer.length !== settings.layers) {
      notices.push(
        `k per layer lists ${formatCount(settings.kPerLayer.length, 'value')} for ${formatCount(settings.layers, 'layer')}; ignored it and used k = ${settings.k} in every layer.`,
      );
      settings.kPerLayer = [];
    } else if (settings.kPerLayer.some((k) => k > settings.seqLen)) {
      settings.kPerLayer = settings.kPerLayer.map((k) => Math.min(k, settings.seqLen));
      notices.push(`k per layer had values above n (${settings.seqLen}); capped them at n.`);
    }
  }
  return notices;
}

/** The query string for settings: the schema version and only the values that differ from the defaults. */
export function serializeSettings(settings: ExperimentSettings, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  params.set(VERSION_KEY, String(SCHEMA_VERSION));
  writeFields(EXPERIMENT_FIELDS, settings, params);
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  return `?${params.toString()}`;
}
