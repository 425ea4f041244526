/**
 * The one table that describes an experiment's settings. It drives URL parsing and validation,
 * serialisation (short keys, only non-default values, a schema version) and the controls' ranges,
 * so a shared link, the form and the stored run history can never disagree.
 */

export const SCHEMA_VERSION = 1;
/** The query key that carries the schema version. */
export const VERSION_KEY = 'v';

interface FieldBase<Name extends string> {
  name: Name;
  /** The short query-string key. */
  key: string;
  /** The visible label of the control. */
  label: string;
  help?: string;
}

export interface IntField<Name extends string = string> extends FieldBase<Name> {
  type: 'int';
  default: number;
  min: number;
  max: number;
  /** Slider steps are powers of two and the midpoints between them (e.g. 64, 96, 128, 192, 256). */
  powersOfTwo?: boolean;
}

export interface FloatField<Name extends string = string> extends FieldBase<Name> {
  type: 'float';
  default: number;
  min: number;
  max: number;
  /** Shown and edited on a log scale (learning rate). */
  log?: boolean;
}

export interface ChoiceField<Name extends string = string, Choice extends string = string> extends FieldBase<Name> {
  type: 'choice';
  default: Choice;
  choices: readonly Choice[];
  /** Words shown for each choice in the control (the choice itself when missing). */
  choiceLabels?: Readonly<Partial<Record<Choice, string>>>;
}

/** A comma-separated list of positive integers; empty means "not set" (e.g. per-layer k). */
export interface IntListField<Name extends string = string> extends FieldBase<Name> {
  type: 'intList';
  default: readonly number[];
  min: number;
  max: number;
  maxLength: number;
}

export type FieldSpec = IntField | FloatField | ChoiceField | IntListField;

export const EXPERIMENT_FIELDS = [
  {
    name: 'corpus',
    key: 'c',
    label: 'Corpus',
    type: 'choice',
    default: 'moby-dick',
    choices: ['moby-dick', 'sotu'],
  },
  {
    name: 'attention',
    key: 'a',
    label: 'Attention',
    type: 'choice',
    default: 'linformer',
    choices: ['standard', 'linformer'],
  },
  {
    name: 'sharing',
    key: 'sh',
    label: 'Projection sharing',
    type: 'choice',
    default: 'none',
    choices: ['none', 'headwise', 'kv', 'layerwise'],
  },
  {
    name: 'projection',
    key: 'p',
    label: 'Projection kind',
    type: 'choice',
    default: 'linear',
    choices: ['linear', 'random', 'mean-pool', 'max-pool', 'conv'],
  },
  {
    name: 'seqLen',
    key: 'n',
    label: 'Sequence length n',
    type: 'int',
    default: 128,
    min: 8,
    max: 8192,
    powersOfTwo: true,
  },
  { name: 'k', key: 'k', label: 'Projected length k', type: 'int', default: 32, min: 1, max: 8192, powersOfTwo: true },
  {
    name: 'kPerLayer',
    key: 'kl',
    label: 'k per layer (optional, comma-separated)',
    type: 'intList',
    default: [],
    min: 1,
    max: 8192,
    maxLength: 24,
  },
  { name: 'layers', key: 'L', label: 'Layers', type: 'int', default: 2, min: 1, max: 24 },
  { name: 'heads', key: 'h', label: 'Heads', type: 'int', default: 2, min: 1, max: 16 },
  {
    name: 'dModel',
    key: 'd',
    label: 'Model width dModel',
    type: 'int',
    default: 64,
    min: 8,
    max: 1024,
    powersOfTwo: true,
  },
  {
    name: 'dFF',
    key: 'ff',
    label: 'Feed-forward width dFF',
    type: 'int',
    default: 128,
    min: 8,
    max: 4096,
    powersOfTwo: true,
  },
  { name: 'dropout', key: 'dr', label: 'Dropout', type: 'float', default: 0, min: 0, max: 0.5 },
  {
    name: 'learningRate',
    key: 'lr',
    label: 'Learning rate',
    type: 'float',
    default: 2e-3,
    min: 1e-5,
    max: 1e-1,
    log: true,
  },
  { name: 'batchSize', key: 'b', label: 'Batch size', type: 'int', default: 8, min: 1, max: 256 },
  { name: 'steps', key: 's', label: 'Training steps', type: 'int', default: 300, min: 1, max: 100_000 },
  { name: 'warmupSteps', key: 'wu', label: 'Warm-up steps', type: 'int', default: 30, min: 0, max: 10_000 },
  { name: 'evalInterval', key: 'ev', label: 'Validate every (steps)', type: 'int', default: 50, min: 1, max: 10_000 },
  { name: 'seed', key: 'seed', label: 'Seed', type: 'int', default: 1, min: 0, max: 2 ** 31 - 1 },
] as const satisfies readonly FieldSpec[];

type ValueOf<F> = F extends { type: 'choice'; choices: readonly (infer C)[] }
  ? C
  : F extends { type: 'intList' }
    ? number[]
    : number;

/** The resolved values of a field table, one property per field name. */
export type ValuesOf<Table extends readonly FieldSpec[]> = { [F in Table[number] as F['name']]: ValueOf<F> };

/** Every setting of an experiment, fully resolved. */
export type ExperimentSettings = ValuesOf<typeof EXPERIMENT_FIELDS>;
export type SettingName = keyof ExperimentSettings;

/** A field table's defaults (lists copied, so callers may change them). */
export function defaultValues<Table extends readonly FieldSpec[]>(fields: Table): ValuesOf<Table> {
  const values: Record<string, unknown> = {};
  for (const field of fields) values[field.name] = Array.isArray(field.default) ? [...field.default] : field.default;
  return values as ValuesOf<Table>;
}

export function defaultSettings(): ExperimentSettings {
  return defaultValues(EXPERIMENT_FIELDS);
}

export function fieldByName(name: SettingName): FieldSpec {
  const field = EXPERIMENT_FIELDS.find((f) => f.name === name);
  if (!field) throw new Error(`No experiment field named ${name}`);
  return field;
}
