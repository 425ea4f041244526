/**
 * The one reader for files the page imports (run files, fine-tune results): JSON text is size-checked, parsed
 * and checked against a zod schema that describes the format, and comes back as a value or as one readable
 * sentence naming the record and the field that is wrong. Reading never throws and never shows a stack.
 *
 * Messages: the reader words zod's issues itself ("must be a number, not text", "is missing", "must be one of
 * a, b"). A schema may give its own message: a phrase that follows the field name (`'must be a date'`) or,
 * starting with a capital letter, a whole sentence shown as it is (`'The file has no "results" list.'`).
 */
import { z } from 'zod';
import { describeError } from '../format/describeError';

export type Validated<T> = { ok: true; value: T } | { ok: false; error: string };

export type FieldPath = readonly (string | number)[];

/** Where an issue's path falls: the words for the record it is in, and the field path inside that record. */
export interface Location {
  /** Prefix of the sentence, ending in its own punctuation and space: `'Result 2 cannot be read: '`. */
  record: string;
  field: FieldPath;
}

export type Locate = (path: FieldPath) => Location;

/** A schema whose input is anything JSON can hold and whose output is T. */
export type Schema<T> = z.ZodType<T, z.ZodTypeDef, unknown>;

export interface FileFormat<T> {
  /** What the file is called in messages: "run file", "results file". */
  kind: string;
  /** Longer text is refused before parsing. */
  maxChars: number;
  schema: Schema<T>;
  /** Names the record a path is in (list entries, say); the default is the whole file and the whole path. */
  locate?: Locate;
  /** Values nested deeper are refused before the schema looks at them (default MAX_NESTING). */
  maxDepth?: number;
}

/**
 * No format this app writes nests values more than a few levels (file → results → result → model → k list); a
 * file nested thousands of levels deep is hostile or broken, and refusing it before the schema reads it keeps
 * anything that deep out of storage and out of later JSON exports.
 */
export const MAX_NESTING = 16;

/** Reads a file's text; never throws. */
export function readValidatedFile<T>(text: string, format: FileFormat<T>): Validated<T> {
  if (text.length > format.maxChars) return { ok: false, error: `The file is too large to be a ${format.kind}.` };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, error: 'The file is not valid JSON.' };
  }
  const maxDepth = format.maxDepth ?? MAX_NESTING;
  if (nestingDepth(data, maxDepth) > maxDepth)
    return {
      ok: false,
      error: `The file nests values more than ${maxDepth} levels deep; no ${format.kind} does, so it was not read.`,
    };
  return checkValue(data, format.schema, format.locate ?? wholeFile(format.kind), `The ${format.kind}`);
}

/**
 * Checks a value already in memory (a stored record, say) against a schema; never throws. `what` names the
 * value in the one message a schema that throws can give.
 */
export function checkValue<T>(
  data: unknown,
  schema: Schema<T>,
  locate: Locate = (path) => ({ record: '', field: path }),
  what = 'The value',
): Validated<T> {
  let parsed: z.SafeParseReturnType<unknown, T>;
  try {
    parsed = schema.safeParse(data);
  } catch (error) {
    return { ok: false, error: `${what} could not be read: ${describeError(error)}` };
  }
  if (parsed.success) return { ok: true, value: parsed.data };
  const [first] = parsed.error.issues;
  return { ok: false, error: first ? describeIssue(first, data, locate) : `${what} could not be read.` };
}

/**
 * How deeply lists and objects nest in a parsed JSON value (a plain value is depth 0), counted without recursion so
 * a deep file cannot overflow the stack; stops counting once past `limit`.
 */
export function nestingDepth(value: unknown, limit = Number.POSITIVE_INFINITY): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [item, depth] = stack.pop() as [unknown, number];
    if (typeof item !== 'object' || item === null) continue;
    const inner = depth + 1;
    if (inner > deepest) deepest = inner;
    if (deepest > limit) return deepest;
    for (const child of Object.values(item)) if (typeof child === 'object' && child !== null) stack.push([child, inner]);
  }
  return deepest;
}

/** The default location: "In the run file, "config.layers" …". */
export function wholeFile(kind: string): Locate {
  return (path) => ({ record: `In the ${kind}, `, field: path });
}

/** Entries of the list at `key` are records of their own ("Result 2 cannot be read: …"); the rest is the file's. */
export function listEntries(key: string, name: (index: number) => string, rest: Locate): Locate {
  return (path) =>
    path[0] === key && typeof path[1] === 'number' ? { record: name(path[1]), field: path.slice(2) } : rest(path);
}

/**
 * The format and version check every file starts with, then the body: a file of another format, or of a
 * version this app does not read, is refused as a whole with one sentence before any field is looked at.
 */
export function versionedFile<T>(
  header: { format: string; version: number; kind: string; description: string },
  body: Schema<T>,
): Schema<T> {
  const formatField = z.object({ format: z.literal(header.format) });
  return z
    .unknown()
    .superRefine((data, ctx) => {
      if (!formatField.safeParse(data).success) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message: `This is not ${header.description} (its "format" is not "${header.format}").`,
        });
        return;
      }
      const version = (data as { formatVersion?: unknown }).formatVersion;
      if (version !== header.version)
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message: `This ${header.kind} has format version ${clean(String(version)).slice(0, 20)}; this app reads ${header.version}.`,
        });
    })
    .pipe(body);
}

/** A list a file may hold, at `path`, and the most entries this app reads from one file. */
export interface ListLimit {
  path: FieldPath;
  max: number;
  /** The whole sentence for a list that is too long ("The file holds 12000 results; …"). */
  message(length: number): string;
}

/**
 * Refuses a value whose lists are longer than their limits before `body` reads one entry of them: the body checks
 * lists entry by entry, in time proportional to their length, so an oversized list is said at once instead.
 */
export function withListLimits<T>(limits: readonly ListLimit[], body: Schema<T>): Schema<T> {
  return z
    .unknown()
    .superRefine((data, ctx) => {
      for (const { path, max, message } of limits) {
        const list = valueAt(data, path);
        if (Array.isArray(list) && list.length > max)
          ctx.addIssue({ code: z.ZodIssueCode.custom, path: [...path], message: message(list.length) });
      }
    })
    .pipe(body);
}

/** One of a list of choices known only at run time (z.enum wants a literal tuple). */
export function oneOf<T extends string>(choices: readonly T[]) {
  return z.enum(choices as unknown as [T, ...T[]]);
}

/** An issue as one sentence: the record, the field (quoted, as a path), what is wrong and the value found. */
export function describeIssue(issue: z.ZodIssue, data: unknown, locate: Locate): string {
  const own = ownMessage(issue, data);
  if (own !== null && /^[A-Z]/.test(own)) return sentence(own);
  const value = valueAt(data, issue.path);
  const phrase = own ?? phraseFor(issue);
  const shown = showsValue(issue) ? shownValue(value) : null;
  const { record, field } = locate(issue.path);
  const subject = field.length ? `"${pathText(field)}"` : 'it';
  return sentence(`${record}${subject} ${phrase}${shown !== null ? ` (it is ${shown})` : ''}`);
}

/** The message the schema gave, or null when zod's own default stands (the reader words those). */
function ownMessage(issue: z.ZodIssue, data: unknown): string | null {
  if (issue.message === undefined) return null;
  const fallback = z.defaultErrorMap(issue, { data, defaultError: '' }).message;
  return issue.message === fallback ? null : issue.message;
}

/** Type and presence issues say what was found in their own words; value issues add the value. */
function showsValue(issue: z.ZodIssue): boolean {
  if (issue.code === 'invalid_type') return issue.expected === 'integer' && issue.received === 'float';
  return issue.code !== 'unrecognized_keys';
}

const TYPE_WORDS: Partial<Record<string, string>> = {
  string: 'text',
  number: 'a number',
  integer: 'a whole number',
  float: 'a fractional number',
  nan: 'NaN',
  boolean: 'true or false',
  null: 'null',
  array: 'a list',
  object: 'an object',
  undefined: 'nothing',
};

const typeWords = (type: string) => TYPE_WORDS[type] ?? type;

function phraseFor(issue: z.ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.received === 'undefined') return 'is missing';
      if (issue.expected === 'integer') return 'must be a whole number';
      return `must be ${typeWords(issue.expected)}, not ${typeWords(issue.received)}`;
    case 'invalid_literal':
      return `must be ${shownValue(issue.expected) ?? 'a fixed value'}`;
    case 'invalid_enum_value':
      return `must be one of ${issue.options.map((option) => clean(String(option))).join(', ')}`;
    case 'unrecognized_keys': {
      const keys = issue.keys.slice(0, 5).map((key) => clean(key).slice(0, 32));
      return `has unknown fields: ${keys.join(', ')}${issue.keys.length > 5 ? '…' : ''}`;
    }
    case 'too_small':
      return tooSmall(issue);
    case 'too_big':
      return tooBig(issue);
    case 'not_finite':
      return 'must be a finite number';
    case 'not_multiple_of':
      return `must be a multiple of ${String(issue.multipleOf)}`;
    case 'invalid_date':
      return 'must be a date';
    case 'invalid_string':
      return typeof issue.validation === 'string' ? `must be a valid ${issue.validation}` : 'is not valid text';
    default:
      return 'is not valid';
  }
}

function tooSmall(issue: z.ZodTooSmallIssue): string {
  const min = String(issue.minimum);
  switch (issue.type) {
    case 'string':
      return issue.minimum === 1 ? 'must not be empty' : `must be at least ${min} characters long`;
    case 'array':
    case 'set':
      return `must have at least ${min} entries`;
    default:
      if (Number(issue.minimum) === 0) return issue.inclusive ? 'must not be negative' : 'must be a positive number';
      return issue.inclusive ? `must be at least ${min}` : `must be more than ${min}`;
  }
}

function tooBig(issue: z.ZodTooBigIssue): string {
  const max = String(issue.maximum);
  switch (issue.type) {
    case 'string':
      return `must be at most ${max} characters long`;
    case 'array':
    case 'set':
      return `must have at most ${max} entries`;
    default:
      return issue.inclusive ? `must be at most ${max}` : `must be less than ${max}`;
  }
}

function valueAt(data: unknown, path: FieldPath): unknown {
  let value = data;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string | number, unknown>)[key];
  }
  return value;
}

/** A short, printable rendering of a plain value (text quoted, cut and stripped of control characters). */
function shownValue(value: unknown): string | null {
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  if (typeof value !== 'string') return null;
  const text = clean(value);
  return `"${text.length > 32 ? `${text.slice(0, 32)}…` : text}"`;
}

/** Strips control characters, so a value quoted in a message cannot break its line. */
function clean(text: string): string {
  return Array.from(text)
    .filter((ch) => ch.charCodeAt(0) >= 0x20 && ch.charCodeAt(0) !== 0x7f)
    .join('');
}

function pathText(path: FieldPath): string {
  return path
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : i === 0 ? String(key) : `.${String(key)}`))
    .join('');
}

function sentence(text: string): string {
  const capital = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?…]$/.test(capital) ? capital : `${capital}.`;
}
