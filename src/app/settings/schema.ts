/**
 * The one table that describes an experiment's settings. It drives URL parsing and validation,
 * serialisation (short keys, only non-default values, a schema version) and the controls' ranges,
 * so a shared link, the form and the stored run history can never disagree.
 */

/**
 * 2 added the projection init (key `pi`, default Xavier): a version-1 link without it means N(0, 1/k), the only
 * initialisation there was then (urlState.ts reads it so).
 */
export const SCHEMA_VERSION = 2;
/** The query key that carries the schema version. */
export const VERSION_KEY = 'v';

interface FieldBase<Name extends string> {
  name: Name;
  /** The short query-string key. */
  key: string;
  /** The visible label of the control. */
  label: string;
  /** One or two sentences shown under the control and read with it by screen readers (aria-describedby). */
  help: string;
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
  /** Edited with a log-scale slider beside the number box (learning rates). */
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
    help: 'The text the model trains and is validated on, split by blocks so no validation text is trained on.',
    type: 'choice',
    default: 'moby-dick',
    choices: ['moby-dick', 'sotu'],
  },
  {
    name: 'tokenizer',
    key: 'tk',
    label: 'Tokens',
    help: 'Characters, or BPE subwords as the paper uses (512 tokens learned at build time from the corpus\'s training text). Perplexity is per token, so the two are not comparable.',
    type: 'choice',
    default: 'char',
    choices: ['char', 'bpe512'],
    choiceLabels: { char: 'characters', bpe512: 'BPE subwords (512)' },
  },
  {
    name: 'attention',
    key: 'a',
    label: 'Attention',
    help: 'Standard attention compares every position with every other (n×n); Linformer compresses keys and values to k positions first (n×k).',
    type: 'choice',
    default: 'linformer',
    choices: ['standard', 'linformer'],
  },
  {
    name: 'sharing',
    key: 'sh',
    label: 'Projection sharing',
    help: 'Which Linformer projections are one weight: none (per head), headwise (per layer), kv (keys and values share one), layerwise (one for the model).',
    type: 'choice',
    default: 'none',
    choices: ['none', 'headwise', 'kv', 'layerwise'],
  },
  {
    name: 'projection',
    key: 'p',
    label: 'Projection kind',
    help: 'How Linformer shortens n to k: a learned or fixed random matrix, mean or max pooling, or a strided convolution.',
    type: 'choice',
    default: 'linear',
    choices: ['linear', 'random', 'mean-pool', 'max-pool', 'conv'],
  },
  {
    name: 'projectionInit',
    key: 'pi',
    label: 'Projection init',
    help: 'How learned and random E, F start: Xavier uniform keeps E·K at the scale of K for every n; N(0, 1/k) is the paper\'s Theorem 2, under which E·K grows as √(n/k).',
    type: 'choice',
    default: 'xavier',
    choices: ['xavier', 'normal'],
    choiceLabels: { xavier: 'Xavier uniform', normal: 'N(0, 1/k) (Theorem 2)' },
  },
  {
    name: 'seqLen',
    key: 'n',
    label: 'Sequence length n',
    help: "Characters per training sequence (n). Attention's cost grows as n² for standard attention, as n·k for Linformer.",
    type: 'int',
    default: 128,
    min: 8,
    max: 8192,
    powersOfTwo: true,
  },
  {
    name: 'k',
    key: 'k',
    label: 'Projected length k',
    help: "Linformer's projected length: how many compressed positions each query attends to. At most n.",
    type: 'int',
    default: 32,
    min: 1,
    max: 8192,
    powersOfTwo: true,
  },
  {
    name: 'kPerLayer',
    key: 'kl',
    label: 'k per layer (optional, comma-separated)',
    help: "A k for each layer, to give higher layers a smaller k (the paper's Section 4); empty uses k everywhere.",
    type: 'intList',
    default: [],
    min: 1,
    max: 8192,
    maxLength: 24,
  },
  {
    name: 'layers',
    key: 'L',
    label: 'Layers',
    help: 'Encoder layers, each attention then feed-forward.',
    type: 'int',
    default: 2,
    min: 1,
    max: 24,
  },
  {
    name: 'heads',
    key: 'h',
    label: 'Heads',
    help: 'Attention heads per layer; they must divide dModel.',
    type: 'int',
    default: 2,
    min: 1,
    max: 16,
  },
  {
    name: 'dModel',
    key: 'd',
    label: 'Model width dModel',
    help: "Width of every position's vector.",
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
    help: "Width of each layer's feed-forward block (commonly 4 × dModel).",
    type: 'int',
    default: 128,
    min: 8,
    max: 4096,
    powersOfTwo: true,
  },
  {
    name: 'dropout',
    key: 'dr',
    label: 'Dropout',
    help: 'Share of activations dropped while training (attention output and feed-forward); 0 turns it off.',
    type: 'float',
    default: 0,
    min: 0,
    max: 0.5,
  },
  {
    name: 'learningRate',
    key: 'lr',
    label: 'Learning rate',
    help: "AdamW's peak learning rate, reached after warm-up and decayed linearly to a tenth of it by the last step.",
    type: 'float',
    default: 2e-3,
    min: 1e-5,
    max: 1e-1,
    log: true,
  },
  {
    name: 'batchSize',
    key: 'b',
    label: 'Batch size',
    help: 'Sequences per training step.',
    type: 'int',
    default: 8,
    min: 1,
    max: 256,
  },
  {
    name: 'steps',
    key: 's',
    label: 'Training steps',
    help: 'Training updates in the run.',
    type: 'int',
    default: 300,
    min: 1,
    max: 100_000,
  },
  {
    name: 'warmupSteps',
    key: 'wu',
    label: 'Warm-up steps',
    help: 'Updates over which the learning rate rises from 0 to its peak.',
    type: 'int',
    default: 30,
    min: 0,
    max: 10_000,
  },
  {
    name: 'evalInterval',
    key: 'ev',
    label: 'Validate every (steps)',
    help: 'Steps between validation passes (one at the end as well).',
    type: 'int',
    default: 50,
    min: 1,
    max: 10_000,
  },
  {
    name: 'seed',
    key: 'seed',
    label: 'Seed',
    help: 'Seeds the initial weights, data order, masking and dropout: the same seed repeats a run exactly on the same backend.',
    type: 'int',
    default: 1,
    min: 0,
    max: 2 ** 31 - 1,
  },
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
