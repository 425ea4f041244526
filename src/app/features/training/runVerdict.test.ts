import { describe, expect, it } from 'vitest';
import { clippedShareText, clippingSummary, contextVerdict } from './runVerdict';
import { makeRun } from './testRun';

describe('context verdict', () => {
  it('says a run below the context-blind floor uses context', () => {
    const verdict = contextVerdict({ perplexity: 14.2, floor: 17.3, unigram: 21.6 });
    expect(verdict.kind).toBe('below');
    expect(verdict.text).toBe('Below the context-blind floor (14.2 against 17.3): the model uses context.');
  });

  it('does not credit a run that beats unigram but not the floor, and says why', () => {
    const verdict = contextVerdict({ perplexity: 19.7, floor: 17.3, unigram: 21.6 });
    expect(verdict.kind).toBe('not-below');
    expect(verdict.text).toMatch(
      /^Not below the context-blind floor \(19\.7 against 17\.3\): this run has not shown that it uses context\. /,
    );
    expect(verdict.text).toContain('below the unigram baseline (21.6)');
  });

  it('is not below at the floor itself, above it, or with a perplexity that is not a number', () => {
    expect(contextVerdict({ perplexity: 17.3, floor: 17.3, unigram: 21.6 }).kind).toBe('not-below');
    // Above unigram too: no remark about unigram.
    for (const perplexity of [30, Number.NaN, Number.POSITIVE_INFINITY]) {
      const verdict = contextVerdict({ perplexity, floor: 17.3, unigram: 21.6 });
      expect(verdict.kind).toBe('not-below');
      expect(verdict.text).not.toContain('unigram');
    }
  });

  it('waits for the first evaluation', () => {
    expect(contextVerdict({ perplexity: undefined, floor: 17.3 }).kind).toBe('no-validation');
  });

  it('makes no claim for a run recorded before the floor existed', () => {
    const verdict = contextVerdict({ perplexity: 12, floor: undefined, unigram: 21.6 });
    expect(verdict.kind).toBe('no-floor');
    expect(verdict.text).not.toMatch(/: the model uses context/);
    expect(verdict.text).toContain('No context-blind floor');
    expect(contextVerdict({ perplexity: 12, floor: 0 }).kind).toBe('no-floor');
  });
});

describe('clipping summary', () => {
  it('reports the latest gradient norm, whether it was clipped, and the share of steps clipped', () => {
    const summary = clippingSummary(makeRun().training);
    expect(summary).toEqual({ latestGradNorm: 1, latestClipped: false, recordedSteps: 3, clippedSteps: 2 });
    expect(clippedShareText(summary)).toBe('2 of 3 steps (67%)');
  });

  it('counts only steps that recorded clipping, and shows nothing for runs that recorded none', () => {
    const old = makeRun().training.map(({ gradNorm: _g, clipped: _c, ...rest }) => rest);
    expect(clippingSummary(old)).toEqual({ recordedSteps: 0, clippedSteps: 0 });
    expect(clippedShareText(clippingSummary(old))).toBe('—');
    expect(clippingSummary([])).toEqual({ recordedSteps: 0, clippedSteps: 0 });
  });

  it('never rounds a share to none or to every step when it is neither', () => {
    expect(clippedShareText({ recordedSteps: 1000, clippedSteps: 1 })).toBe('1 of 1,000 steps (<1%)');
    expect(clippedShareText({ recordedSteps: 1000, clippedSteps: 999 })).toBe('999 of 1,000 steps (>99%)');
    expect(clippedShareText({ recordedSteps: 360, clippedSteps: 360 })).toBe('360 of 360 steps (100%)');
    expect(clippedShareText({ recordedSteps: 360, clippedSteps: 0 })).toBe('0 of 360 steps (0%)');
  });
});
