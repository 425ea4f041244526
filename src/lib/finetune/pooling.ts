/**
 * How a classifier reads one vector per sentence from the encoder's states. A module of its own, free of tfjs, so
 * the page can list the choices without loading tfjs.
 *
 * first: the summary slot at position 0 (BERT's [CLS] reading); mean: the average over real positions
 * (padding excluded), which needs no position to have learned to gather the sentence.
 */
export type Pooling = 'first' | 'mean';

export const POOLINGS: readonly Pooling[] = ['first', 'mean'];
