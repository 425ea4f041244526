import { describe, expect, it } from 'vitest';
import { figureCsvRows, figureSeries, shownRuns } from './figureSeries';
import { makeRun } from './testRun';

const older = makeRun({ id: 'a', startedAt: '2025-01-01T00:00:00Z' });
const middle = makeRun({ id: 'b', startedAt: '2025-01-02T00:00:00Z' }, { corpus: 'sotu', steps: 50 });
const newest = makeRun({ id: 'c', startedAt: '2025-01-03T00:00:00Z', info: null });

describe('figure series', () => {
  it('shows the current run first, then only the ticked history runs, each with a colour that does not move', () => {
    const shown = shownRuns(newest, [middle, older], new Set(['a']));
    expect(shown.map((s) => [s.run.id, s.slot, s.current])).toEqual([
      ['c', 2, true],
      ['a', 0, false],
    ]);
    const more = shownRuns(newest, [middle, older], new Set(['a', 'b']));
    expect(more.map((s) => [s.run.id, s.slot])).toEqual([
      ['c', 2],
      ['a', 0],
      ['b', 1],
    ]);
  });

  it('does not draw the current run twice when it is also in the history', () => {
    const shown = shownRuns(older, [older, middle], new Set(['a', 'b']));
    expect(shown.map((s) => s.run.id)).toEqual(['a', 'b']);
  });

  it('draws validation perplexity per run and one dashed unigram baseline per corpus across the longest run', () => {
    const series = figureSeries(shownRuns(null, [older, middle], new Set(['a', 'b'])), 'perplexity');
    expect(series[0].points).toEqual(older.validation.map((p) => ({ x: p.step, y: p.perplexity })));
    const baselines = series.filter((s) => s.id?.startsWith('baseline-'));
    expect(baselines.map((s) => s.points)).toEqual([
      [
        { x: 0, y: 23.5 },
        { x: 50, y: 23.5 },
      ],
      [
        { x: 0, y: 23.5 },
        { x: 50, y: 23.5 },
      ],
    ]);
    expect(baselines.every((s) => s.dashed)).toBe(true);
    expect(baselines.map((s) => s.name)).toEqual([
      'unigram baseline, moby-dick, whole validation text (23.5)',
      'unigram baseline, sotu, whole validation text (23.5)',
    ]);
    // With runs on several corpora shown, each reference line names its corpus.
    expect(series.filter((s) => s.id?.startsWith('floor-')).map((s) => s.name)).toEqual([
      'context-blind floor, moby-dick, scored positions (18.4)',
      'context-blind floor, sotu, scored positions (18.4)',
    ]);
  });

  it('draws the context-blind floor as a labelled dashed line beside the unigram line, apart in colour', () => {
    const series = figureSeries(shownRuns(older, [], new Set()), 'perplexity');
    expect(series.map((s) => s.name)).toEqual([
      `${older.label} (current)`,
      'unigram baseline, whole validation text (23.5)',
      'context-blind floor, scored positions (18.4)',
    ]);
    const [, unigram, floor] = series;
    expect(floor.dashed).toBe(true);
    expect(floor.points).toEqual([
      { x: 0, y: 18.4 },
      { x: 20, y: 18.4 },
    ]);
    expect(floor.colour).not.toBe(unigram.colour);
    // On the loss figure it is a cross-entropy, like the unigram line.
    const loss = figureSeries(shownRuns(older, [], new Set()), 'loss');
    expect(loss.at(-1)?.name).toBe('context-blind floor, scored positions (2.91 nats)');
    expect(loss.at(-1)?.points[0].y).toBeCloseTo(Math.log(18.4), 12);
  });

  it('draws one floor line per corpus and value, and none for runs recorded before the floor existed', () => {
    const floorNames = (runs: ReturnType<typeof makeRun>[]) =>
      figureSeries(shownRuns(null, runs, new Set(runs.map((r) => r.id))), 'perplexity')
        .filter((s) => s.id?.startsWith('floor-'))
        .map((s) => s.name);
    const withFloor = (id: string, floor: number | undefined, startedAt: string) => {
      const run = makeRun({ id, startedAt });
      const info = { ...run.info!, contextBlindPerplexity: floor };
      if (floor === undefined) delete info.contextBlindPerplexity;
      return { ...run, info };
    };
    const sameA = withFloor('x', 17.31, '2025-01-01T00:00:00Z');
    const sameB = withFloor('y', 17.34, '2025-01-02T00:00:00Z');
    const other = withFloor('z', 17.9, '2025-01-03T00:00:00Z');
    const old = withFloor('w', undefined, '2025-01-04T00:00:00Z');
    expect(floorNames([sameA, sameB])).toEqual(['context-blind floor, scored positions (17.3)']);
    expect(floorNames([sameA, other])).toEqual([
      'context-blind floor, scored positions (17.3)',
      'context-blind floor, scored positions (17.9)',
    ]);
    expect(floorNames([old])).toEqual([]);
    expect(figureSeries(shownRuns(old, [], new Set()), 'perplexity').map((s) => s.id)).toEqual([
      'w',
      'baseline-moby-dick',
    ]);
  });

  it('puts the loss baseline in nats (the log of the baseline perplexity)', () => {
    const series = figureSeries(shownRuns(older, [], new Set()), 'loss');
    expect(series[0].points.map((p) => p.y)).toEqual(older.training.map((p) => p.loss));
    expect(series[1].points[0].y).toBeCloseTo(Math.log(23.5), 12);
  });

  it('exports the plotted numbers as rows', () => {
    const rows = figureCsvRows(shownRuns(older, [], new Set()), 'perplexity');
    expect(rows).toHaveLength(older.validation.length);
    expect(rows[1]).toMatchObject({
      run_id: 'a',
      step: 3,
      validation_perplexity: Math.exp(3.2),
      validation_loss_nats: 3.2,
      unigram_baseline_perplexity: 23.5,
      scored_unigram_perplexity: 22.9,
      context_blind_floor_perplexity: 18.4,
    });
  });

  it("exports each step's gradient norm and clipping with the training loss, empty for older runs", () => {
    const rows = figureCsvRows(shownRuns(older, [], new Set()), 'loss');
    expect(rows.map((r) => [r.step, r.grad_norm, r.clipped])).toEqual([
      [1, 2, 1],
      [2, 1.5, 1],
      [3, 1, 0],
    ]);
    const bare = makeRun({
      training: older.training.map(({ gradNorm: _g, clipped: _c, ...rest }) => rest),
      info: { ...older.info!, contextBlindPerplexity: undefined },
    });
    const bareRows = figureCsvRows(shownRuns(bare, [], new Set()), 'loss');
    expect(bareRows[0]).toMatchObject({ grad_norm: null, clipped: null, context_blind_floor_perplexity: null });
  });
});
