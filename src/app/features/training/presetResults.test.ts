import { describe, expect, it } from 'vitest';
import { groupPresetRuns, presetFigureSeries, presetVerdict } from './presetResults';
import { presetById, presetSettings } from './presets';
import { makeRun } from './testRun';
import type { RunRecord } from './runRecord';

const preset = presetById('k-at-fixed-n')!;

function run(runIndex: number, seed: number, perplexities: number[], overrides: Partial<RunRecord> = {}): RunRecord {
  const settings = presetSettings(preset, 'quick', runIndex, seed);
  return makeRun(
    {
      id: `r${runIndex}-${seed}-${overrides.startedAt ?? ''}`,
      settings,
      status: 'finished',
      validation: perplexities.map((perplexity, i) => ({ step: (i + 1) * 25, loss: Math.log(perplexity), perplexity })),
      ...overrides,
    },
    settings,
  );
}

describe('preset results', () => {
  it('groups finished runs by configuration, one per seed (the latest), ignoring other sizes and unfinished runs', () => {
    const runs = [
      run(0, 1, [30, 20]),
      run(0, 2, [31, 21]),
      run(0, 2, [31, 19], { startedAt: '2026-01-01T00:00:00.000Z' }),
      run(1, 1, [30, 22], { status: 'stopped' }),
      makeRun({ id: 'claim', status: 'finished' }, presetSettings(preset, 'claim', 1, 1)),
      run(2, 1, [29, 18]),
    ];
    const groups = groupPresetRuns(preset, 'quick', runs);
    expect(groups.map((group) => [group.label, group.runs.map((r) => r.id)])).toEqual([
      ['standard attention', ['r0-1-', 'r0-2-2026-01-01T00:00:00.000Z']],
      ['k = 4', []],
      ['k = 8', ['r2-1-']],
    ]);
    expect(presetVerdict(preset, groups).status).toBe('incomplete');
  });

  it('draws each configuration as its mean over seeds with the min–max as a band, and the mean floor dashed', () => {
    const runs = [run(0, 1, [30, 10]), run(0, 2, [34, 14]), run(1, 1, [40, 20])];
    const series = presetFigureSeries(groupPresetRuns(preset, 'quick', runs));
    expect(series.map((s) => s.name)).toEqual([
      'standard attention (2 seeds)',
      'k = 4 (1 seed)',
      'context-blind floor 18.4',
    ]);
    expect(series[0].points).toEqual([
      { x: 25, y: 32, lo: 30, hi: 34 },
      { x: 50, y: 12, lo: 10, hi: 14 },
    ]);
    expect(series[0].spread).toBe('band');
    expect(series[1].points).toEqual([
      { x: 25, y: 40 },
      { x: 50, y: 20 },
    ]);
    expect(series[2]).toMatchObject({
      dashed: true,
      points: [
        { x: 0, y: 18.4 },
        { x: 50, y: 18.4 },
      ],
    });
  });

  it('draws one floor per configuration when their floors differ (they depend on n)', () => {
    const withFloor = (r: RunRecord, floor: number): RunRecord => ({
      ...r,
      info: { ...r.info!, contextBlindPerplexity: floor },
    });
    const runs = [withFloor(run(0, 1, [30, 10]), 17.8), withFloor(run(1, 1, [30, 12]), 18.9)];
    const names = presetFigureSeries(groupPresetRuns(preset, 'quick', runs)).map((s) => s.name);
    expect(names).toEqual([
      'standard attention (1 seed)',
      'k = 4 (1 seed)',
      'context-blind floor (standard attention) 17.8',
      'context-blind floor (k = 4) 18.9',
    ]);
  });

  it("judges the claim from each run's last validation and its own floor", () => {
    const runs = [0, 1, 2].flatMap((index) => [1, 2].map((seed) => run(index, seed, [30, 10 + index + seed / 10])));
    const verdict = presetVerdict(preset, groupPresetRuns(preset, 'quick', runs));
    // Floors are 18.4 (makeRun's info): standard ends at 10.15 = 0.55×.
    expect(verdict.status).toBe('clear');
    expect(verdict.headline).toMatch(/^Linformer k = 4 ends 9\.9% above standard attention's perplexity/);
  });
});
