/** The reproduction's table: each configuration's final perplexity over seeds, its floor, and the verdict. */
import { summarise, type ClaimVerdict } from '../../src/lib/experiments/claimVerdict';
import type { ConfigurationGroup } from '../../src/app/features/training/presetResults';
import { QUICK_LOOK_NOTE, SIZE_NAMES, type Preset, type PresetSize } from '../../src/app/features/training/presets';

export interface ReportContext {
  preset: Preset;
  size: PresetSize;
  seeds: number;
  backend: string;
  command: string;
  /** Wall time of this invocation (runs already in DIR cost it nothing). */
  seconds: number;
  /** How many of the runs this invocation trained. */
  trained: number;
}

export function reportMarkdown(
  context: ReportContext,
  groups: readonly ConfigurationGroup[],
  verdict: ClaimVerdict,
): string {
  const { preset, size } = context;
  const lines = [
    `# ${preset.title}, ${SIZE_NAMES[size].toLowerCase()} (${preset.sizes[size].description})`,
    '',
    `${preset.question} Paper: ${preset.paper}`,
    '',
    `Command: \`${context.command}\` — ${context.seeds} seed${context.seeds === 1 ? '' : 's'} on ${context.backend}. ` +
      `The runs' training steps took ${formatDuration(stepSeconds(groups))} in all (validation passes not counted); ` +
      `this invocation trained ${context.trained} of them in ${formatDuration(context.seconds)} of wall time.`,
    '',
    '| configuration | seeds | final perplexity, mean ± sd | min – max | context-blind floor | final ÷ floor | below floor |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const group of groups) {
    const runs = group.runs.map((run) => ({
      seed: run.settings.seed,
      finalPerplexity: run.validation.at(-1)?.perplexity ?? NaN,
      floor: run.info?.contextBlindPerplexity ?? NaN,
    }));
    const summary = summarise({ label: group.label, runs });
    const p = summary.perplexity;
    const floor = runs.reduce((sum, run) => sum + run.floor, 0) / runs.length;
    lines.push(
      `| ${group.label} | ${p.count} | ${p.mean.toFixed(2)}${p.count > 1 ? ` ± ${p.sd.toFixed(2)}` : ''} | ${p.min.toFixed(2)} – ${p.max.toFixed(2)} | ${floor.toFixed(2)} | ${summary.floorRatio.mean.toFixed(2)} | ${summary.belowFloor} of ${p.count} |`,
    );
  }
  lines.push('', `**Verdict (${verdict.status}).** ${verdict.headline}`, '', verdict.floorNote, '');
  if (verdict.status === 'uninformative' && size === 'quick') lines.push(QUICK_LOOK_NOTE, '');
  const extra = verdict.details.filter((line) => line.startsWith('Among '));
  if (extra.length) lines.push(...extra, '');
  return lines.join('\n');
}

/** The sum of every run's step times: the training work, whatever else ran beside it. */
function stepSeconds(groups: readonly ConfigurationGroup[]): number {
  return (
    groups.reduce(
      (sum, group) =>
        sum + group.runs.reduce((s, run) => s + run.training.reduce((t, point) => t + point.msPerStep, 0), 0),
      0,
    ) / 1000
  );
}

export function formatDuration(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  return minutes > 0 ? `${minutes} min ${Math.round(seconds % 60)} s` : `${Math.round(seconds)} s`;
}
