/**
 * The efficiency lab's settings as a field table (keys starting with "e"), so a shared link opens the lab with the
 * same selected (n, k), sweep lists and measurement options; read and written by settings/link.ts.
 */
import { defaultValues, type FieldSpec, type ValuesOf } from '../../settings/schema';

export const N_MIN = 16;
export const N_MAX = 8192;
export const K_MIN = 8;

export const EFFICIENCY_FIELDS = [
  {
    name: 'n',
    key: 'en',
    label: 'Measured n',
    help: 'The sequence length the Measure button times, standard against Linformer.',
    type: 'int',
    default: 256,
    min: N_MIN,
    max: N_MAX,
  },
  {
    name: 'k',
    key: 'ek',
    label: 'Measured k',
    help: 'The projected length the Measure button times; at most n.',
    type: 'int',
    default: 64,
    min: K_MIN,
    max: N_MAX,
  },
  {
    name: 'sweepNs',
    key: 'ens',
    label: 'Sweep n',
    help: 'Sequence lengths a sweep measures, comma-separated.',
    type: 'intList',
    default: [64, 128, 256, 512],
    min: N_MIN,
    max: N_MAX,
    maxLength: 12,
  },
  {
    name: 'sweepKs',
    key: 'eks',
    label: 'Sweep k',
    help: 'Projected lengths a sweep measures at each n, comma-separated.',
    type: 'intList',
    default: [32, 64],
    min: K_MIN,
    max: N_MAX,
    maxLength: 12,
  },
  {
    name: 'warmup',
    key: 'ew',
    label: 'Warm-up runs',
    help: 'Untimed runs before timing at each point (the first compiles the GPU pipelines).',
    type: 'int',
    default: 2,
    min: 0,
    max: 20,
  },
  {
    name: 'repeats',
    key: 'er',
    label: 'Timed runs per point',
    help: 'Timed forwards (and training steps) per point; the figures show their median and range.',
    type: 'int',
    default: 5,
    min: 1,
    max: 50,
  },
  {
    name: 'training',
    key: 'et',
    label: 'Time training steps',
    help: 'Also time a full training step (forward, backward, clipping, AdamW) at each point.',
    type: 'choice',
    default: 'yes',
    choices: ['yes', 'no'],
  },
] as const satisfies readonly FieldSpec[];

export type EfficiencyChoices = ValuesOf<typeof EFFICIENCY_FIELDS>;

export function defaultEfficiencyChoices(): EfficiencyChoices {
  return defaultValues(EFFICIENCY_FIELDS);
}
