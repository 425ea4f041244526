/**
 * A verdict on one of the paper's claims from the runs present, worded with its uncertainty. Pure: the app's
 * preset panel and `npm run reproduce` compute it from the same finished runs.
 *
 * Above all a verdict says whether the runs learned to use context: a run that ends at or above its
 * context-blind floor (lib/data/contextBlindFloor.ts) predicts each position from its own character only, and
 * comparing such runs compares noise. A comparison is informative only when its reference configuration ends
 * below the floor in every seed; it is "clear" when that reference ends at ≤ CLEARLY_BELOW of the floor.
 */
import { seedStatistics, type SeedStatistics } from './seedStatistics';

/** A run this far below its floor (final ÷ floor) has clearly learned context, not just left the floor. */
export const CLEARLY_BELOW = 0.8;

export interface SeedRun {
  seed: number;
  /** The run's last validation perplexity. */
  finalPerplexity: number;
  /** Its context-blind floor on the same scored positions. */
  floor: number;
}

export interface ConfigurationRuns {
  /** As the preset names it: "standard attention", "k = 8", "n = 64", "headwise". */
  label: string;
  runs: readonly SeedRun[];
}

export type ClaimKind =
  /** Figure 3(a) and 3(c): each configuration's gap to a reference configuration (standard, no sharing). */
  | {
      kind: 'gap-to-reference';
      reference: string;
      /** Put before each label in the headline ("Linformer"), or ''. */ subject: string;
    }
  /** Figure 3(d): how much the final perplexity varies across configurations (n at fixed k). */
  | { kind: 'span'; across: string };

export type VerdictStatus = 'clear' | 'weak' | 'uninformative' | 'incomplete';

export interface ClaimVerdict {
  status: VerdictStatus;
  /** The answer in one or two sentences, uncertainty included. */
  headline: string;
  /** One line per configuration: its mean ± sd and, for gaps, the gap with its standard error. */
  details: string[];
  /** Whether and how far the runs got below the context-blind floor. */
  floorNote: string;
}

export interface ConfigurationSummary {
  label: string;
  perplexity: SeedStatistics;
  /** final ÷ floor over the seeds. */
  floorRatio: SeedStatistics;
  /** Seeds that ended below their floor. */
  belowFloor: number;
}

export function summarise(configuration: ConfigurationRuns): ConfigurationSummary {
  const finished = configuration.runs.filter((run) => Number.isFinite(run.finalPerplexity) && run.floor > 0);
  return {
    label: configuration.label,
    perplexity: seedStatistics(finished.map((run) => run.finalPerplexity)),
    floorRatio: seedStatistics(finished.map((run) => run.finalPerplexity / run.floor)),
    belowFloor: finished.filter((run) => run.finalPerplexity < run.floor).length,
  };
}

const number = (value: number) => value.toFixed(value >= 100 ? 0 : 2);
const percent = (value: number) => `${value.toFixed(1)}%`;

/** "16.21 ± 0.30 (sd over 3 seeds)" or "16.21 (one seed: no spread measured)". */
export function meanWithSpread(statistics: SeedStatistics): string {
  if (statistics.count === 1) return `${number(statistics.mean)} (one seed: no spread measured)`;
  return `${number(statistics.mean)} ± ${number(statistics.sd)} (sd over ${statistics.count} seeds)`;
}

export function claimVerdict(claim: ClaimKind, configurations: readonly ConfigurationRuns[]): ClaimVerdict {
  const summaries = configurations.map(summarise);
  const missing = summaries.filter((summary) => summary.perplexity.count === 0).map((summary) => summary.label);
  if (summaries.length === 0 || missing.length === summaries.length) {
    return {
      status: 'incomplete',
      headline: 'No finished runs yet: the verdict comes when every configuration has at least one.',
      details: [],
      floorNote: '',
    };
  }
  const references =
    claim.kind === 'gap-to-reference' ? summaries.filter((summary) => summary.label === claim.reference) : summaries;
  const floorNote = floorJudgement(references, summaries);
  const details = summaries.map((summary) => `${summary.label}: ${describe(summary)}`);
  if (missing.length > 0) {
    return {
      status: 'incomplete',
      headline: `Not yet comparable: ${missing.join(', ')} ${missing.length === 1 ? 'has' : 'have'} no finished run.`,
      details,
      floorNote: floorNote.text,
    };
  }
  if (!floorNote.informative) {
    const failing = floorNote.failing.join(', ');
    const one = floorNote.failing.length === 1;
    const learned = summaries.filter(
      (summary) => summary.perplexity.count > 0 && summary.belowFloor === summary.perplexity.count,
    );
    const partial =
      claim.kind === 'span' && learned.length > 1
        ? [
            `Among the configurations below the floor in every seed: ${spanHeadline({ kind: 'span', across: learned.map((s) => s.label).join(', ') }, learned)}`,
          ]
        : [];
    return {
      status: 'uninformative',
      headline:
        floorNote.failing.length === summaries.length
          ? 'The comparison tells nothing yet: the runs have not learned to use context, so their perplexities differ by noise.'
          : `The comparison tells nothing yet: ${failing} ${one ? 'has' : 'have'} not learned to use context in every seed, so ${one ? 'its perplexity says' : 'their perplexities say'} nothing about the claim.`,
      details: [...details, ...partial],
      floorNote: floorNote.text,
    };
  }
  const headline = claim.kind === 'gap-to-reference' ? gapHeadline(claim, summaries) : spanHeadline(claim, summaries);
  return { status: floorNote.clear ? 'clear' : 'weak', headline, details, floorNote: floorNote.text };
}

function describe(summary: ConfigurationSummary): string {
  if (summary.perplexity.count === 0) return 'no finished run';
  const ratio = summary.floorRatio.mean;
  return `perplexity ${meanWithSpread(summary.perplexity)}, ${ratio.toFixed(2)}× its context-blind floor (below it in ${summary.belowFloor} of ${summary.perplexity.count})`;
}

function floorJudgement(
  references: readonly ConfigurationSummary[],
  all: readonly ConfigurationSummary[],
): { informative: boolean; clear: boolean; failing: string[]; text: string } {
  const referenceNames = references.map((reference) => reference.label).join(', ');
  const failing = references.filter(
    (reference) => reference.belowFloor < reference.perplexity.count || reference.perplexity.count === 0,
  );
  const worstOf = (summaries: readonly ConfigurationSummary[]) =>
    Math.max(...summaries.map((summary) => summary.floorRatio.max));
  const stuck = all.filter(
    (summary) => !references.includes(summary) && summary.perplexity.count > 0 && summary.belowFloor === 0,
  );
  const stuckNote = stuck.length
    ? ` ${stuck.map((summary) => summary.label).join(', ')} did not get below the floor in any seed: at this size that configuration did not learn context.`
    : '';
  if (failing.length > 0) {
    const names = failing.map((reference) => reference.label);
    return {
      informative: false,
      clear: false,
      failing: names,
      text:
        `${names.join(', ')} ended at up to ${worstOf(failing).toFixed(2)}× the context-blind floor (worst seed), not below it: ` +
        'a predictor that sees only the token at its own position does as well, so at this size and length these runs cannot be compared.' +
        stuckNote,
    };
  }
  const worst = worstOf(references);
  const clear = worst <= CLEARLY_BELOW;
  return {
    informative: true,
    clear,
    failing: [],
    text: clear
      ? `${referenceNames} ended clearly below the context-blind floor (at most ${worst.toFixed(2)}× it in every seed): the runs learned to use context.${stuckNote}`
      : `${referenceNames} ended below the context-blind floor, but only just (up to ${worst.toFixed(2)}× it; clearly below is ≤ ${CLEARLY_BELOW}×): the gaps may still reflect how far each run got off the floor.${stuckNote}`,
  };
}

function gapHeadline(
  claim: Extract<ClaimKind, { kind: 'gap-to-reference' }>,
  summaries: readonly ConfigurationSummary[],
): string {
  const reference = summaries.find((summary) => summary.label === claim.reference);
  if (!reference) return `No ${claim.reference} runs to compare with.`;
  const sentences = summaries
    .filter((summary) => summary !== reference)
    .map((summary) => {
      const gap = (100 * (summary.perplexity.mean - reference.perplexity.mean)) / reference.perplexity.mean;
      const error = gapStandardError(summary.perplexity, reference.perplexity);
      const where = gap <= 0 ? `ends ${percent(-gap)} below` : `ends ${percent(gap)} above`;
      const resolved = !Number.isFinite(error)
        ? 'one seed, so the spread is unknown'
        : Math.abs(gap) > 2 * error
          ? `more than twice its standard error of ${percent(error)}`
          : `inside twice its standard error of ${percent(error)}: not told apart by these seeds`;
      return `${claim.subject ? `${claim.subject} ` : ''}${summary.label} ${where} ${claim.reference}'s perplexity (${resolved})`;
    });
  return sentences.join('; ') + '.';
}

/** Standard error of the relative gap (in per cent of the reference mean), from both configurations' seed sds. */
function gapStandardError(subject: SeedStatistics, reference: SeedStatistics): number {
  if (subject.count < 2 || reference.count < 2) return NaN;
  return (100 * Math.sqrt(subject.sd ** 2 / subject.count + reference.sd ** 2 / reference.count)) / reference.mean;
}

function spanHeadline(claim: Extract<ClaimKind, { kind: 'span' }>, summaries: readonly ConfigurationSummary[]): string {
  const means = summaries.map((summary) => summary.perplexity.mean);
  const low = Math.min(...means);
  const high = Math.max(...means);
  const lowest = summaries[means.indexOf(low)].label;
  const highest = summaries[means.indexOf(high)].label;
  const relativeSds = summaries
    .filter((summary) => summary.perplexity.count > 1)
    .map((summary) => (100 * summary.perplexity.sd) / summary.perplexity.mean);
  const spread = relativeSds.length
    ? `the largest seed sd is ${percent(Math.max(...relativeSds))} of its mean`
    : 'one seed each, so the seed spread is unknown';
  return (
    `Final perplexity across ${claim.across} spans ${number(low)} (${lowest}) to ${number(high)} (${highest}), ` +
    `${percent((100 * (high - low)) / low)} of the lowest; ${spread}.`
  );
}
