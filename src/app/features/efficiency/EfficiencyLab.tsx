import { useEffect, useMemo } from 'react';
import { configProblems } from '../../../lib/model/config';
import { sweepPointConfig } from '../../../lib/efficiency/sweepPlan';
import { useBackendStore } from '../../shell/backendStore';
import { formatCount } from '../../shared/format/format';
import { shapeKey, useEfficiencyStore, vocabFor } from './efficiencyStore';
import { SettingsNotice } from '../../shell/SettingsNotice';
import { useExperimentStore } from '../../settings/experimentStore';
import { modelText, timingText } from './benchText';
import { EfficiencyControls } from './EfficiencyControls';
import { GapNotes } from './GapNotes';
import { RatioGrid } from './RatioGrid';
import type { BenchShape } from './ratioAnalysis';
import { ScalingFigure } from './ScalingFigure';
import { TheoryReadout } from './TheoryReadout';
import './efficiency.css';

/**
 * Speed and memory of standard attention against Linformer as n and k change, measured in this browser
 * beside the cost model's prediction and the paper's Table 3.
 */
export function EfficiencyLab() {
  const settings = useExperimentStore((s) => s.settings);
  const { n, k, rows, skipped, phase, progress, message, options, notices, dismissNotices } = useEfficiencyStore();
  const backendReady = useBackendStore((s) => s.phase === 'ready');
  const { vocab, vocabError, loadVocab } = useEfficiencyStore();
  // The training lab's vocabulary for the chosen corpus and tokenizer: read once the worker is up.
  const vocabSize = vocabFor(vocab, settings);
  useEffect(() => {
    if (backendReady) void loadVocab();
  }, [backendReady, settings.corpus, settings.tokenizer, loadVocab]);
  const shape = useMemo<BenchShape>(
    () => ({
      layers: settings.layers,
      heads: settings.heads,
      dModel: settings.dModel,
      dFF: settings.dFF,
      vocabSize: vocabSize ?? NaN,
      sharing: settings.sharing,
      projection: settings.projection,
      batch: settings.batchSize,
    }),
    [
      settings.layers,
      settings.heads,
      settings.dModel,
      settings.dFF,
      settings.sharing,
      settings.projection,
      settings.batchSize,
      vocabSize,
    ],
  );
  const vocabKnown = vocabSize !== null;
  const problems = vocabKnown ? configProblems(sweepPointConfig(shape, { n, k, attention: 'linformer' })) : [];
  // The figures show the rows of the model now configured; rows of an earlier shape wait for a new run.
  const shownRows = useMemo(() => rows.filter((r) => shapeKey(r) === shapeKey(shape)), [rows, shape]);

  return (
    <section className="lab" aria-labelledby="efficiency-lab-title">
      <h2 id="efficiency-lab-title">Efficiency lab: time and memory as n and k grow</h2>
      <SettingsNotice
        notices={notices}
        onDismiss={dismissNotices}
        what="efficiency settings"
        testId="efficiency-settings-notice"
      />
      <p className="muted" data-testid="efficiency-model">
        {vocabKnown
          ? `Model from the settings above: ${modelText(shape)}. The vocabulary is that of the training corpus (${settings.corpus}, ${settings.tokenizer === 'char' ? 'characters' : 'BPE subwords'}), the one the training lab reports. `
          : `Reading the vocabulary of ${settings.corpus}… `}
        {timingText(options)}
      </p>
      {vocabError && (
        <p role="alert" className="status-error">
          {vocabError}
        </p>
      )}
      <EfficiencyControls disabled={!backendReady || !vocabKnown || problems.length > 0} />
      {problems.length > 0 && (
        <p role="alert" className="status-error">
          This model cannot be built: {problems.join(' ')}
        </p>
      )}
      {vocabKnown && problems.length === 0 && <TheoryReadout n={n} k={k} shape={shape} />}
      <div className="run-progress" data-testid="efficiency-progress">
        <progress max={progress?.total ?? 1} value={progress?.done ?? 0} aria-label="Benchmark progress" />
        <span>
          {progress ? `${progress.done} of ${formatCount(progress.total, 'point')}` : 'No sweep yet'}
          {phase === 'running' && progress?.current ? ` · measuring ${progress.current}` : ''}
          {phase !== 'running' && phase !== 'idle' ? ` · ${phase}` : ''} ·{' '}
          <span data-testid="efficiency-rows">{shownRows.length}</span> {shownRows.length === 1 ? 'row' : 'rows'}
        </span>
      </div>
      {message && (
        <p role="alert" className="status-error" data-testid="efficiency-error">
          {message}
        </p>
      )}
      {skipped.length > 0 && (
        <ul className="skipped-list" data-testid="efficiency-skipped">
          {skipped.map((s) => (
            <li key={`${s.attention}-${s.n}-${s.k}`}>
              {s.k === null ? `standard n = ${s.n}` : `Linformer n = ${s.n}, k = ${s.k}`} — {s.reason}
            </li>
          ))}
        </ul>
      )}
      <div className="efficiency-figures">
        <ScalingFigure kind="time" rows={shownRows} shape={shape} />
        <ScalingFigure kind="memory" rows={shownRows} shape={shape} />
      </div>
      <GapNotes rows={shownRows} shape={shape} />
      <RatioGrid rows={shownRows} shape={shape} />
      {shownRows.length > 0 && (
        <p className="muted">
          Measured on {shownRows[0].backend} ({shownRows[0].adapter}). Ratios measured side by side in one run are the
          figures to compare; absolute times depend on the device.
        </p>
      )}
    </section>
  );
}
