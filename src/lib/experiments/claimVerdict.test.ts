import { describe, expect, it } from 'vitest';
import { claimVerdict, CLEARLY_BELOW, summarise, type ClaimKind, type ConfigurationRuns } from './claimVerdict';
import { seedStatistics } from './seedStatistics';

const GAP: ClaimKind = { kind: 'gap-to-reference', reference: 'standard attention', subject: 'Linformer' };
const SPAN: ClaimKind = { kind: 'span', across: 'n = 8, 16, 32 at k = 4' };

const configuration = (label: string, finals: number[], floor = 20): ConfigurationRuns => ({
  label,
  runs: finals.map((finalPerplexity, i) => ({ seed: i + 1, finalPerplexity, floor })),
});

describe('seed statistics', () => {
  it('gives the mean and the sample standard deviation (n − 1)', () => {
    const statistics = seedStatistics([10, 12, 14]);
    expect(statistics).toMatchObject({ count: 3, mean: 12, min: 10, max: 14 });
    expect(statistics.sd).toBeCloseTo(2, 12);
    expect(seedStatistics([5]).sd).toBeNaN();
    expect(seedStatistics([]).count).toBe(0);
  });
});

describe('claim verdict', () => {
  it('says the comparison tells nothing when the reference did not get below the floor in every seed', () => {
    const verdict = claimVerdict(GAP, [
      configuration('standard attention', [19, 20.5, 19.5]),
      configuration('k = 4', [21, 21, 21]),
    ]);
    expect(verdict.status).toBe('uninformative');
    expect(verdict.headline).toMatch(/tells nothing yet/);
    expect(verdict.floorNote).toMatch(
      /standard attention ended at up to 1\.02× the context-blind floor \(worst seed\), not below it/,
    );
    expect(verdict.floorNote).toMatch(/k = 4 did not get below the floor in any seed/);
  });

  it('gives each gap to the reference with its standard error, and says when seeds cannot tell them apart', () => {
    // standard 10 ± 1, k = 8 at 10.5 ± 1: gap 5%, standard error sqrt(1/3 + 1/3)/10 = 8.2%.
    // k = 4 at 13 ± 0.5: gap 30%, standard error sqrt(0.25/3 + 1/3)/10 = 6.5%.
    const verdict = claimVerdict(GAP, [
      configuration('standard attention', [9, 10, 11]),
      configuration('k = 4', [12.5, 13, 13.5]),
      configuration('k = 8', [9.5, 10.5, 11.5]),
    ]);
    expect(verdict.status).toBe('clear');
    expect(verdict.headline).toContain(
      "Linformer k = 4 ends 30.0% above standard attention's perplexity (more than twice its standard error of 6.5%)",
    );
    expect(verdict.headline).toContain(
      "Linformer k = 8 ends 5.0% above standard attention's perplexity (inside twice its standard error of 8.2%: not told apart by these seeds)",
    );
    expect(verdict.details[0]).toBe(
      'standard attention: perplexity 10.00 ± 1.00 (sd over 3 seeds), 0.50× its context-blind floor (below it in 3 of 3)',
    );
  });

  it('is only tentative when the reference is below the floor but not clearly', () => {
    const finals = [CLEARLY_BELOW * 20 + 1, CLEARLY_BELOW * 20 + 2];
    const verdict = claimVerdict(GAP, [configuration('standard attention', finals), configuration('k = 4', finals)]);
    expect(verdict.status).toBe('weak');
    expect(verdict.floorNote).toMatch(/only just/);
  });

  it('gives the span across configurations for a span claim, judged on every configuration', () => {
    const verdict = claimVerdict(SPAN, [
      configuration('n = 8', [10, 10.2]),
      configuration('n = 16', [11, 11]),
      configuration('n = 32', [12, 12.4]),
    ]);
    expect(verdict.status).toBe('clear');
    expect(verdict.headline).toMatch(
      /^Final perplexity across n = 8, 16, 32 at k = 4 spans 10.10 \(n = 8\) to 12.20 \(n = 32\), 20\.8% of the lowest; the largest seed sd is 2\.3% of its mean\.$/,
    );
    const stuck = claimVerdict(SPAN, [
      configuration('n = 8', [10]),
      configuration('n = 16', [11]),
      configuration('n = 32', [21]),
    ]);
    expect(stuck.status).toBe('uninformative');
    expect(stuck.headline).toBe(
      'The comparison tells nothing yet: n = 32 has not learned to use context in every seed, so its perplexity says nothing about the claim.',
    );
    expect(stuck.floorNote).toMatch(/^n = 32 ended at up to 1\.05× the context-blind floor \(worst seed\)/);
    // What the configurations that did learn context show is still given, as a detail.
    expect(stuck.details.at(-1)).toMatch(
      /^Among the configurations below the floor in every seed: Final perplexity across n = 8, n = 16 spans 10\.00 \(n = 8\) to 11\.00 \(n = 16\)/,
    );
  });

  it('waits for every configuration, and says so with one seed', () => {
    expect(claimVerdict(GAP, []).status).toBe('incomplete');
    const partial = claimVerdict(GAP, [configuration('standard attention', [10]), configuration('k = 4', [])]);
    expect(partial.status).toBe('incomplete');
    expect(partial.headline).toMatch(/k = 4 has no finished run/);
    const oneSeed = claimVerdict(GAP, [configuration('standard attention', [10]), configuration('k = 4', [11])]);
    expect(oneSeed.headline).toContain('one seed, so the spread is unknown');
    expect(oneSeed.details[0]).toContain('one seed: no spread measured');
  });

  it('leaves runs without a finite perplexity or a floor out of the summary', () => {
    const summary = summarise({
      label: 'x',
      runs: [
        { seed: 1, finalPerplexity: NaN, floor: 20 },
        { seed: 2, finalPerplexity: 10, floor: NaN },
        { seed: 3, finalPerplexity: 10, floor: 20 },
      ],
    });
    expect(summary.perplexity.count).toBe(1);
    expect(summary.floorRatio.mean).toBe(0.5);
  });
});
