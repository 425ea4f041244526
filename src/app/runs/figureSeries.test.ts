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
    const baselines = series.filter((s) => s.dashed);
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
    expect(baselines.map((s) => s.name)).toEqual([
      'unigram baseline, moby-dick (23.5)',
      'unigram baseline, sotu (23.5)',
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
    });
  });
});
