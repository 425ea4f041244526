/**
 * A preset's finished runs → its verdict and its figure: runs are grouped into the preset's configurations
 * (same settings apart from the seed), each configuration drawn as its mean validation perplexity with the
 * min–max band over seeds, and the claim judged by lib/experiments/claimVerdict.ts. Pure, so the page and
 * `npm run reproduce` draw and judge the same runs the same way.
 */
import { claimVerdict, type ClaimVerdict, type ConfigurationRuns } from '../../../lib/experiments/claimVerdict';
import { seriesColour, type LinePoint, type LineSeries } from '../../shared/charts';
import { presetSettings, sameConfiguration, type Preset, type PresetSize } from './presets';
import type { RunRecord } from './runRecord';

export interface ConfigurationGroup {
  label: string;
  /** Finished runs of this configuration, one per seed (the latest when a seed was run twice). */
  runs: RunRecord[];
}

/** The finished runs of each of the preset's configurations at `size`. */
export function groupPresetRuns(preset: Preset, size: PresetSize, runs: readonly RunRecord[]): ConfigurationGroup[] {
  return preset.runs.map((run, runIndex) => {
    const target = presetSettings(preset, size, runIndex);
    const bySeed = new Map<number, RunRecord>();
    for (const candidate of runs) {
      if (candidate.status !== 'finished' || candidate.validation.length === 0) continue;
      if (!sameConfiguration(candidate.settings, target)) continue;
      const kept = bySeed.get(candidate.settings.seed);
      if (!kept || kept.startedAt < candidate.startedAt) bySeed.set(candidate.settings.seed, candidate);
    }
    return { label: run.label, runs: [...bySeed.values()].sort((a, b) => a.settings.seed - b.settings.seed) };
  });
}

export function presetVerdict(preset: Preset, groups: readonly ConfigurationGroup[]): ClaimVerdict {
  const configurations: ConfigurationRuns[] = groups.map((group) => ({
    label: group.label,
    runs: group.runs.map((run) => ({
      seed: run.settings.seed,
      finalPerplexity: run.validation.at(-1)?.perplexity ?? NaN,
      floor: run.info?.contextBlindPerplexity ?? NaN,
    })),
  }));
  return claimVerdict(preset.claim, configurations);
}

/**
 * One line per configuration: the mean over seeds of validation perplexity at each evaluated step (steps every
 * seed evaluated), with the min–max over seeds as a band; then the context-blind floor dashed: one line when
 * every configuration's floor agrees to within 1%, else one per configuration (the floor depends on n).
 */
export function presetFigureSeries(groups: readonly ConfigurationGroup[]): LineSeries[] {
  const series: LineSeries[] = [];
  let lastStep = 0;
  const floorsByLabel = new Map<string, number[]>();
  const colours = new Map<string, string>();
  for (const [index, group] of groups.entries()) {
    if (group.runs.length === 0) continue;
    const perStep = new Map<number, number[]>();
    for (const run of group.runs) {
      for (const point of run.validation)
        perStep.set(point.step, [...(perStep.get(point.step) ?? []), point.perplexity]);
      const floor = run.info?.contextBlindPerplexity;
      if (floor !== undefined && floor > 0)
        floorsByLabel.set(group.label, [...(floorsByLabel.get(group.label) ?? []), floor]);
    }
    const points: LinePoint[] = [...perStep.entries()]
      .filter(([, values]) => values.length === group.runs.length)
      .sort(([a], [b]) => a - b)
      .map(([step, values]) => ({
        x: step,
        y: values.reduce((sum, value) => sum + value, 0) / values.length,
        ...(values.length > 1 ? { lo: Math.min(...values), hi: Math.max(...values) } : {}),
      }));
    lastStep = Math.max(lastStep, points.at(-1)?.x ?? 0);
    const seeds = group.runs.length;
    // Colours follow the configuration's place in the preset, so they stay put while runs arrive.
    colours.set(group.label, seriesColour(index));
    series.push({
      id: group.label,
      name: `${group.label} (${seeds} seed${seeds === 1 ? '' : 's'})`,
      points,
      spread: 'band',
      colour: seriesColour(index),
    });
  }
  series.push(...floorLines(floorsByLabel, colours, lastStep));
  return series;
}

function floorLines(
  floorsByLabel: ReadonlyMap<string, number[]>,
  colours: ReadonlyMap<string, string>,
  lastStep: number,
): LineSeries[] {
  if (floorsByLabel.size === 0 || lastStep <= 0) return [];
  const mean = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
  const perLabel = [...floorsByLabel.entries()].map(([label, floors]) => ({ label, floor: mean(floors) }));
  const values = perLabel.map((entry) => entry.floor);
  const agree = Math.max(...values) <= 1.01 * Math.min(...values);
  const lines = agree ? [{ label: '', floor: mean(values) }] : perLabel;
  return lines.map(({ label, floor }) => ({
    id: `context-blind floor ${label}`,
    name: `context-blind floor${label ? ` (${label})` : ''} ${floor.toFixed(1)}`,
    points: [
      { x: 0, y: floor },
      { x: lastStep, y: floor },
    ],
    dashed: true,
    colour: agree ? 'var(--muted, #5b6470)' : (colours.get(label) ?? 'var(--muted, #5b6470)'),
  }));
}
