/**
 * Plain judgements of a run that the metrics show: whether its validation perplexity shows that the model uses
 * context (only a perplexity below the context-blind floor does; beating unigram does not), and how often
 * gradient clipping engaged. Pure, so they are tested without a DOM.
 */
import type { TrainingPoint } from './runRecord';
import { MISSING_TEXT } from '../../shared/format/format';

export type ContextVerdictKind = 'below' | 'not-below' | 'no-validation' | 'no-floor';

export interface ContextVerdict {
  kind: ContextVerdictKind;
  /** One sentence for the page. */
  text: string;
}

const fmt = (value: number) => (Number.isFinite(value) ? value.toPrecision(3) : String(value));

/**
 * The verdict on context use from the run's latest validation perplexity and its context-blind floor (both on
 * the same scored positions). `unigram`, the unigram baseline on those positions, only adds a remark when the run
 * beats unigram without beating the floor, the case that is easy to misread as context learning.
 */
export function contextVerdict(input: {
  perplexity: number | undefined;
  floor: number | undefined;
  unigram?: number;
}): ContextVerdict {
  const { perplexity, floor, unigram } = input;
  if (floor === undefined || !(floor > 0))
    return {
      kind: 'no-floor',
      text: 'No context-blind floor was recorded for this run (it predates the floor), so it cannot show here whether the model uses context.',
    };
  if (perplexity === undefined)
    return {
      kind: 'no-validation',
      text: 'No validation yet: the verdict on context use comes with the first evaluation.',
    };
  if (perplexity < floor)
    return {
      kind: 'below',
      text: `Below the context-blind floor (${fmt(perplexity)} against ${fmt(floor)}): the model uses context.`,
    };
  const beatsUnigram = unigram !== undefined && perplexity < unigram;
  return {
    kind: 'not-below',
    text:
      `Not below the context-blind floor (${fmt(perplexity)} against ${fmt(floor)}): this run has not shown that it uses context.` +
      (beatsUnigram
        ? ` It is below the unigram baseline (${fmt(unigram)}), which a model can reach from each position's own character alone.`
        : ''),
  };
}

export interface ClippingSummary {
  /** The latest step's gradient norm before clipping, if recorded. */
  latestGradNorm?: number;
  /** Whether clipping engaged on the latest step, if recorded. */
  latestClipped?: boolean;
  /** Steps that recorded whether they were clipped (runs from before the app kept it record none). */
  recordedSteps: number;
  clippedSteps: number;
}

export function clippingSummary(training: readonly TrainingPoint[]): ClippingSummary {
  let recordedSteps = 0;
  let clippedSteps = 0;
  for (const point of training) {
    if (point.clipped === undefined) continue;
    recordedSteps++;
    if (point.clipped) clippedSteps++;
  }
  const last = training.at(-1);
  return {
    ...(last?.gradNorm !== undefined ? { latestGradNorm: last.gradNorm } : {}),
    ...(last?.clipped !== undefined ? { latestClipped: last.clipped } : {}),
    recordedSteps,
    clippedSteps,
  };
}

/** "12 of 360 steps (3%)", or MISSING_TEXT ("—") when no step recorded it. */
export function clippedShareText({ recordedSteps, clippedSteps }: ClippingSummary): string {
  if (recordedSteps === 0) return MISSING_TEXT;
  const percent = (100 * clippedSteps) / recordedSteps;
  // A share that rounds to 0% or 100% but is neither is shown as such, so "none" and "every step" stay exact.
  const shown = percent > 0 && percent < 1 ? '<1' : percent > 99 && percent < 100 ? '>99' : String(Math.round(percent));
  const noun = recordedSteps === 1 ? 'step' : 'steps';
  return `${clippedSteps.toLocaleString('en')} of ${recordedSteps.toLocaleString('en')} ${noun} (${shown}%)`;
}
