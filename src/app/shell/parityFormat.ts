/**
 * Text for the status bar's backend check: gaps, clipping, progress and the one-sentence verdict.
 * Display only: the numbers themselves travel unrounded (and the e2e test reads them from data attributes).
 */
import type { AttentionKind } from '../../lib/model/config';
import type { ParityCheckResult, ParityProgress, ParityRow } from '../../lib/train/parityCheck';

export const ATTENTION_LABELS: Record<AttentionKind, string> = { standard: 'Standard', linformer: 'Linformer' };

/**
 * Exponents take a typographic minus (U+2212), as the charts' numbers do: it reads as a sign, and a line never
 * breaks inside "1.2e−7" as it may after a hyphen.
 */
const MINUS = '\u2212';

function exponentText(text: string): string {
  return text.replace('e+', 'e').replace('e-', `e${MINUS}`);
}

/** A relative gap in exponent form with two significant digits: 3.1e−8; 0 stays "0". */
export function formatGap(gap: number): string {
  if (Number.isNaN(gap)) return 'not a number';
  if (gap === Infinity) return '∞';
  if (gap === 0) return '0';
  return exponentText(gap.toExponential(1));
}

/** A tolerance as the code writes it: 1e−3, 1e−2. */
export function formatTolerance(tolerance: number): string {
  return exponentText(tolerance.toExponential());
}

/** "12 of 12", plus the reference's count when it differs: "11 of 12 (cpu: 12)". */
export function clippedText(row: ParityRow, reference: string): string {
  const text = `${row.clippedSteps} of ${row.steps}`;
  return row.clippedSteps === row.referenceClippedSteps ? text : `${text} (${reference}: ${row.referenceClippedSteps})`;
}

/** "Linformer on webgl: step 3 of 12 (run 2 of 4)": the run training now, of the four the check trains. */
export function progressText(progress: ParityProgress): string {
  const run = Math.ceil(progress.done / progress.steps);
  const runs = Math.ceil(progress.total / progress.steps);
  return `${ATTENTION_LABELS[progress.attention]} on ${progress.backend}: step ${progress.step} of ${progress.steps} (run ${run} of ${runs})`;
}

/** One sentence: pass or fail, on what, and the largest gaps against the tolerance. */
export function paritySummary(result: ParityCheckResult): string {
  const worst = (pick: (row: ParityRow) => number) =>
    result.rows.reduce((max, row) => (Number.isNaN(pick(row)) || pick(row) > max ? pick(row) : max), 0);
  const gaps =
    `largest gaps ${formatGap(worst((row) => row.maxLossGap))} in losses and ` +
    `${formatGap(worst((row) => row.maxNormGap))} in gradient norms ` +
    `(tolerance ${formatTolerance(result.tolerance.loss)} and ${formatTolerance(result.tolerance.gradNorm)})`;
  if (result.pass) {
    return `Pass: ${result.backend} trains the same model as the ${result.reference} backend, ${gaps}.`;
  }
  const failing = result.rows.filter((row) => !row.pass).map((row) => ATTENTION_LABELS[row.attention]);
  const reasons = [
    ...(failing.length ? [`${failing.join(' and ')} attention differs beyond the tolerance`] : []),
    ...(result.backendErrors.length
      ? [
          `${result.backend} reported ${result.backendErrors.length === 1 ? 'an error' : `${result.backendErrors.length} errors`}: ${result.backendErrors[0]}`,
        ]
      : []),
  ];
  return `Fail: ${reasons.join('; ')}; ${gaps}.`;
}
