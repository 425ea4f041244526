/**
 * The head view's settings as a field table (keys starting with "sv", for "spectra view"): which layer, head and
 * sampled sequence to look inside, the rank r of the approximation, and where the window starts on a matrix too
 * large to draw whole. All 1-based, as the controls show them; read and written by settings/link.ts. The maxima
 * are the schema's widest; the controls bound them by the model (layers, heads), the spectra section's sample
 * count (sequence) and the matrix (r, window).
 */
import { SPECTRA_SAMPLES } from '../../../worker/spectraTypes';
import { defaultValues, type FieldSpec, type ValuesOf } from '../../settings/schema';

export const HEAD_FIELDS = [
  {
    name: 'layer',
    key: 'svl',
    label: 'Layer',
    help: 'The encoder layer whose attention is shown (1 is nearest the input).',
    type: 'int',
    default: 1,
    min: 1,
    max: 24,
  },
  {
    name: 'head',
    key: 'svh',
    label: 'Head',
    help: 'The attention head within that layer.',
    type: 'int',
    default: 1,
    min: 1,
    max: 16,
  },
  {
    name: 'sequence',
    key: 'svs',
    label: 'Sequence',
    help: 'Which of the sampled masked validation windows (the ones the spectra above average over; their number is "Sequences to average over").',
    type: 'int',
    default: 1,
    min: 1,
    max: SPECTRA_SAMPLES.max,
  },
  {
    name: 'rank',
    key: 'svr',
    label: 'Rank r of the approximation',
    help: 'P_r keeps the top r singular values and vectors of P: by Eckart–Young the best rank-r matrix in the Frobenius norm. A head whose error is small at small r is low rank, which is Claim 1.',
    type: 'int',
    default: 8,
    min: 1,
    max: 8192,
  },
  {
    name: 'windowStart',
    key: 'svw',
    label: 'First position shown',
    help: 'A matrix longer than the view draws is shown as a square window of positions from here; the error and the singular values are always of the whole matrix.',
    type: 'int',
    default: 1,
    min: 1,
    max: 8192,
  },
] as const satisfies readonly FieldSpec[];

export type HeadChoices = ValuesOf<typeof HEAD_FIELDS>;

export function defaultHeadChoices(): HeadChoices {
  return defaultValues(HEAD_FIELDS);
}
