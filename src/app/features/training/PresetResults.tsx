import { useMemo, useRef } from 'react';
import { createLineChart, type LineChartOptions } from '../../shared/charts';
import { useChart } from '../../shared/figure/useChart';
import { FigureExport } from '../../shared/figure/FigureExport';
import { groupPresetRuns, presetFigureSeries, presetVerdict } from './presetResults';
import { QUICK_LOOK_NOTE, SIZE_NAMES, type Preset, type PresetSize } from './presets';
import type { RunRecord } from './runRecord';

const STATUS_TEXT = {
  clear: 'Verdict',
  weak: 'Tentative verdict',
  uninformative: 'No verdict yet',
  incomplete: 'No verdict yet',
} as const;

/** The preset's figure (each configuration's mean over seeds with its min–max band) and its verdict. */
export function PresetResults({
  preset,
  size,
  runs,
}: {
  preset: Preset;
  size: PresetSize;
  runs: readonly RunRecord[];
}) {
  const svgRef = useRef<SVGSVGElement>(null);
  const groups = useMemo(() => groupPresetRuns(preset, size, runs), [preset, size, runs]);
  const series = useMemo(() => presetFigureSeries(groups), [groups]);
  const verdict = useMemo(() => presetVerdict(preset, groups), [preset, groups]);
  const options = useMemo<LineChartOptions>(
    () => ({
      title: `${preset.title}: ${SIZE_NAMES[size].toLowerCase()}`,
      description: `Validation perplexity against training steps, mean over seeds for each configuration with the min–max over seeds as a band, and the mean context-blind floor dashed. ${verdict.headline}`,
      x: { label: 'updates', unit: 'steps' },
      y: { label: 'validation perplexity', unit: 'log scale', scale: 'log' },
      height: 300,
      spreadLabel: 'min–max over seeds',
      emptyText: 'Finished runs of this preset appear here, averaged over seeds.',
    }),
    [preset.title, size, verdict.headline],
  );
  const flush = useChart(svgRef, createLineChart, options, series);
  return (
    <div className="preset-results">
      <figure className="run-chart" data-testid="preset-figure">
        <svg ref={svgRef} />
        <FigureExport
          title="preset figure"
          fileName={`preset-${preset.id}-${size}`}
          svg={() => svgRef.current}
          flush={flush}
          rows={() =>
            groups.flatMap((group) =>
              group.runs.map((run) => ({
                configuration: group.label,
                seed: run.settings.seed,
                final_perplexity: run.validation.at(-1)?.perplexity,
                context_blind_floor: run.info?.contextBlindPerplexity,
              })),
            )
          }
        />
      </figure>
      <div className={`preset-verdict verdict-${verdict.status}`} data-testid="preset-verdict" aria-live="polite">
        <p>
          <strong>{STATUS_TEXT[verdict.status]}:</strong> {verdict.headline}
        </p>
        {verdict.floorNote && <p>{verdict.floorNote}</p>}
        {verdict.status === 'uninformative' && size === 'quick' && <p>{QUICK_LOOK_NOTE}</p>}
        {verdict.details.length > 0 && (
          <ul>
            {verdict.details.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
