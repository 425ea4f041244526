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
    label: 'Model',
    type: 'choice',
    default: 'initialised',
    choices: ['initialised', 'trained'] as const satisfies readonly SpectraSource[],
  },
  { name: 'samples', key: 'sn', label: 'Sequences', type: 'int', default: SPECTRA_SAMPLES.default, min: SPECTRA_SAMPLES.min, max: SPECTRA_SAMPLES.max },
] as const satisfies readonly FieldSpec[];

export type SpectraChoices = ValuesOf<typeof SPECTRA_FIELDS>;

export function defaultSpectraChoices(): SpectraChoices {
  return defaultValues(SPECTRA_FIELDS);
}
