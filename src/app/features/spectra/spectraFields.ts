/**
 * The spectra section's settings as a field table (keys starting with "s"): which model is analysed and how many
 * sequences are sampled; read and written by settings/link.ts.
 */
import { SPECTRA_SAMPLES, type SpectraSource } from '../../../worker/spectraTypes';
import { defaultValues, type FieldSpec, type ValuesOf } from '../../settings/schema';

export const SPECTRA_FIELDS = [
  {
    name: 'source',
    key: 'ss',
    label: 'Model to analyse',
    help: 'Analyse the attention of freshly initialised weights, or of the model the last training run left.',
    type: 'choice',
    default: 'initialised',
    choices: ['initialised', 'trained'] as const satisfies readonly SpectraSource[],
    choiceLabels: { initialised: 'initialised (fresh weights from the model settings)', trained: "trained (the last run's model)" },
  },
  {
    name: 'samples',
    key: 'sn',
    label: 'Sequences to average over',
    help: 'Validation sequences whose attention matrices are averaged per head.',
    type: 'int',
    default: SPECTRA_SAMPLES.default,
    min: SPECTRA_SAMPLES.min,
    max: SPECTRA_SAMPLES.max,
  },
] as const satisfies readonly FieldSpec[];

export type SpectraChoices = ValuesOf<typeof SPECTRA_FIELDS>;

export function defaultSpectraChoices(): SpectraChoices {
  return defaultValues(SPECTRA_FIELDS);
}
