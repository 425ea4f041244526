import { finishEdit } from '../../settings/link';
import { SPECTRA_FIELDS } from './spectraFields';
import { SettingsNotice } from '../../shell/SettingsNotice';
import { useId, useMemo, useState } from 'react';
import { summarizeSpectra } from '../../../lib/spectra/headSummary';
import { FieldControl } from '../../shared/forms/FieldControl';
import { fieldByName } from '../../settings/schema';
import { useBackendStore } from '../../shell/backendStore';
import { useExperimentStore } from '../../settings/experimentStore';
import { ACTIVE_STATUSES, useRunStore } from '../training/runStore';
import { useSpectraStore, type SpectraSnapshot } from './spectraStore';
import type { SpectraProgress, SpectraSource } from '../../../worker/spectraTypes';
import { SnapshotFigures } from './SnapshotFigures';
import { LinformerSpectrumNote } from './LinformerSpectrumNote';
import { sharedDomain } from './spectraFigureData';
import './spectra.css';

const [SOURCE_FIELD, SAMPLES_FIELD] = SPECTRA_FIELDS;

/** Reading back attention is quick next to the SVDs, which get most of the bar. */
function progressFraction(progress: SpectraProgress | null): number {
  if (!progress || progress.stage === 'preparing') return 0;
  if (progress.stage === 'done') return 1;
  const attention = progress.sequences > 0 ? progress.sequencesDone / progress.sequences : 0;
  const svd = progress.matrices > 0 ? progress.matricesDone / progress.matrices : 0;
  return 0.3 * attention + 0.7 * svd;
}

function useSummaries(snapshot: SpectraSnapshot | undefined, k: number) {
  return useMemo(
    () => (snapshot ? summarizeSpectra(snapshot.result.spectra, k, snapshot.result.precision) : []),
    [snapshot, k],
  );
}

/**
 * The paper's Figure 1, live: singular value spectra of the attention matrices of every layer and head,
 * for a freshly initialised model or the last trained one, with snapshots to compare side by side.
 */
export function SpectraLab() {
  const settings = useExperimentStore((s) => s.settings);
  const setSetting = useExperimentStore((s) => s.set);
  const backendReady = useBackendStore((s) => s.phase === 'ready');
  const runActive = useRunStore((s) => s.current !== null && ACTIVE_STATUSES.has(s.current.status));
  const { source, samples, phase, progress, error, snapshots, shownId, compareId } = useSpectraStore();
  const { setSource, setSamples, show, compareWith, compute, cancel, dismissNotices } = useSpectraStore();
  const notices = useSpectraStore((s) => s.notices);
  const [samplesValid, setSamplesValid] = useState(true);
  const ids = { show: useId(), compare: useId() };

  const running = phase === 'running';
  const k = settings.k;
  const shown = snapshots.find((s) => s.id === shownId) ?? snapshots[0];
  const compared = snapshots.find((s) => s.id === compareId && s.id !== shown?.id);
  const shownSummaries = useSummaries(shown, k);
  const comparedSummaries = useSummaries(compared, k);
  const domain = useMemo(
    () => sharedDomain(compared ? [shownSummaries, comparedSummaries] : [shownSummaries]),
    [shownSummaries, comparedSummaries, compared],
  );

  // The next analysis is of an initialised Linformer's n × k P̄ (a trained model keeps its own kind).
  const analysingLinformer = source === 'initialised' && settings.attention === 'linformer';

  let status: string;
  if (running) {
    status = progress
      ? `${progress.message} ${progress.sequencesDone} of ${progress.sequences} sequences read, ${progress.matricesDone} of ${progress.matrices || '…'} spectra computed.`
      : 'Starting…';
  } else if (phase === 'failed') status = `Failed: ${error}`;
  else if (phase === 'cancelled') status = 'Cancelled: nothing of that analysis was kept.';
  else if (phase === 'done' && snapshots[0]) status = `Done: ${snapshots[0].label}.`;
  else status = 'Not computed yet.';

  return (
    <section className="lab spectra-lab" aria-labelledby="spectra-lab-title">
      <h2 id="spectra-lab-title">Attention spectra: is P low rank?</h2>
      <SettingsNotice notices={notices} onDismiss={dismissNotices} what="spectra settings" testId="spectra-settings-notice" />
      <fieldset className="controls spectra-controls">
        <legend>Analysis</legend>
        <FieldControl
          field={SOURCE_FIELD}
          value={source}
          disabled={running}
          onChange={(value) => setSource(value as SpectraSource)}
          onCommit={finishEdit}
        />
        <FieldControl
          field={fieldByName('attention')}
          value={settings.attention}
          disabled={running || runActive || source === 'trained'}
          onChange={(value) => setSetting('attention', value as typeof settings.attention)}
          onCommit={finishEdit}
        />
        <FieldControl
          field={fieldByName('k')}
          value={settings.k}
          max={settings.seqLen}
          onChange={(value) => setSetting('k', value as number)}
          onCommit={finishEdit}
        />
        <FieldControl
          field={SAMPLES_FIELD}
          value={samples}
          disabled={running}
          onChange={(value) => setSamples(value as number)}
          onCommit={finishEdit}
          onValidity={setSamplesValid}
        />
      </fieldset>
      <p className="muted">
        {source === 'trained'
          ? 'The trained model keeps its own attention kind and size; '
          : `A fresh ${settings.attention} model with the model settings (n = ${settings.seqLen}, ${settings.layers} layers × ${settings.heads} heads, seed ${settings.seed}); `}
        k follows the k control (it also sets Linformer&apos;s projected length for the next run). Sequences are the
        masked validation windows of {settings.corpus}.
      </p>
      {analysingLinformer && (
        <LinformerSpectrumNote
          k={settings.k}
          onAnalyseStandard={() => {
            setSetting('attention', 'standard');
            finishEdit();
          }}
        />
      )}
      <div className="run-buttons">
        <button
          type="button"
          disabled={!backendReady || running || !samplesValid}
          onClick={() => void compute(settings)}
        >
          Compute spectra
        </button>
        <button type="button" disabled={!running} onClick={cancel}>
          Cancel analysis
        </button>
        <progress
          className="spectra-progress"
          data-testid="spectra-progress"
          max={1}
          // Progress events travel on their own channel and may trail the result: 'done' means full.
          value={phase === 'done' ? 1 : running ? progressFraction(progress) : 0}
          aria-label="Spectrum progress"
        />
        <span
          data-testid="spectra-status"
          role={phase === 'failed' ? 'alert' : 'status'}
          className={phase === 'failed' ? 'status-error' : 'muted'}
        >
          {status}
        </span>
      </div>
      {snapshots.length > 0 && (
        <div className="spectra-pickers">
          <div className="field">
            <label htmlFor={ids.show}>Show</label>
            <select id={ids.show} value={shown?.id ?? ''} onChange={(e) => show(e.target.value)}>
              {snapshots.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.label}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={ids.compare}>Compare side by side with</label>
            <select id={ids.compare} value={compared?.id ?? ''} onChange={(e) => compareWith(e.target.value || null)}>
              <option value="">nothing</option>
              {snapshots
                .filter((s) => s.id !== shown?.id)
                .map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.label}
                  </option>
                ))}
            </select>
          </div>
        </div>
      )}
      {shown?.result.config.attention === 'linformer' && !analysingLinformer && (
        // The snapshot on show is a Linformer's, though the controls now ask for something else: say what it is.
        <LinformerSpectrumNote k={Math.min(...shown.result.config.kPerLayer)} />
      )}
      {shown && (
        <div className={compared ? 'spectra-grid spectra-grid-two' : 'spectra-grid'}>
          <SnapshotFigures key={shown.id} snapshot={shown} summaries={shownSummaries} k={k} domain={domain} testIdSuffix="" />
          {compared && (
            <SnapshotFigures
              key={compared.id}
              snapshot={compared}
              summaries={comparedSummaries}
              k={k}
              domain={domain}
              testIdSuffix="-compare"
            />
          )}
        </div>
      )}
    </section>
  );
}
