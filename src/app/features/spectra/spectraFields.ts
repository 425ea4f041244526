/**
 * The spectra section's settings as a field table (keys starting with "s"): which model is analysed, how many
 * sequences are sampled, the index i of the "top-i share" figures and the heatmap's colour scale; read and written
 * by settings/link.ts.
 */
import { SPECTRA_SAMPLES, type SpectraSource } from '../../../worker/spectraTypes';

/** How the heatmap maps values to colours: fitted to the results on show, or always [0, 1]. */
export type ColourScale = 'fit' | 'fixed';
import { defaultValues, type FieldSpec, type ValuesOf } from '../../settings/schema';

export const SPECTRA_FIELDS = [
  {
    name: 'source',
    key: 'ss',
    label: 'Model to analyse',
    help: "Analyse the attention of freshly initialised weights, or of the model the last training run left (chosen by itself once a run has finished, unless you pick one).",
    type: 'choice',
    // Stays 'initialised': a link without "ss" has always meant it (see spectraSource.ts for the trained default).
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
  {
    name: 'topIndex',
    key: 'si',
    label: 'Index i of the top-i share',
    help: "The heatmap, the per-head table and the dashed marker show how much of Σσ the top i singular values hold (and the best rank-i error). It is not the model's k; a snapshot with fewer than i values is shown at its last one.",
    type: 'int',
    // The paper's Figure 1 reads its heatmap at 128 of n = 512, a quarter. 8 is that quarter at n = 32 and half of the
    // presets' n = 16; a fixed 32 would read every n ≤ 32 model at its last value, where the share is 1 by construction.
    default: 8,
    min: 1,
    max: 8192,
  },
  {
    name: 'colourScale',
    key: 'sc',
    label: 'Colour scale',
    help: 'Fitted, the heatmap colours span the values of the results shown (one range for both when two are compared), so small differences look large: 0.9977 and 0.9979 can come out at opposite ends. Fixed, the colours always mean the same share from 0 to 1.',
    type: 'choice',
    // 'fit' is what the heatmap did before this setting existed, so an old link keeps its figure.
    default: 'fit',
    choices: ['fit', 'fixed'] as const satisfies readonly ColourScale[],
    choiceLabels: { fit: 'fit to the results shown', fixed: 'fixed 0 to 1' },
  },
] as const satisfies readonly FieldSpec[];

export type SpectraChoices = ValuesOf<typeof SPECTRA_FIELDS>;

export function defaultSpectraChoices(): SpectraChoices {
  return defaultValues(SPECTRA_FIELDS);
}
