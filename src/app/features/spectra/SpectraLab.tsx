import { finishEdit } from '../../settings/link';
import { SPECTRA_FIELDS, type ColourScale } from './spectraFields';
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
import { HeadView } from './HeadView';
import { ImportWeights } from './ImportWeights';
import { useImportedWeightsStore } from './importedWeightsStore';
import { heatmapScale, shownIndex, spectrumLength } from './spectraFigureData';
import { effectiveSource, keptModelNote, trainedModelNote, trainedModelState } from './spectraSource';
import { SPECTRA_ESTIMATE_BUSY, SPECTRA_ESTIMATE_HELP, useSpectraEstimate } from './useSpectraEstimate';
import { EstimateButton, EstimateStatus } from '../../shared/estimate/EstimateControl';
import './spectra.css';

const [SOURCE_FIELD, SAMPLES_FIELD, INDEX_FIELD, SCALE_FIELD] = SPECTRA_FIELDS;

/** Reading back attention is quick next to the SVDs, which get most of the bar. */
function progressFraction(progress: SpectraProgress | null): number {
  if (!progress || progress.stage === 'preparing') return 0;
  if (progress.stage === 'done') return 1;
  const attention = progress.sequences > 0 ? progress.sequencesDone / progress.sequences : 0;
  const svd = progress.matrices > 0 ? progress.matricesDone / progress.matrices : 0;
  return 0.3 * attention + 0.7 * svd;
}

/** A snapshot's summaries at the chosen index i, clamped to the singular values it has (min(n, k)). */
function useSummaries(snapshot: SpectraSnapshot | undefined, topIndex: number) {
  const { index } = shownIndex(topIndex, snapshot ? spectrumLength(snapshot.result) : 0);
  const summaries = useMemo(
    () => (snapshot ? summarizeSpectra(snapshot.result.spectra, index, snapshot.result.precision) : []),
    [snapshot, index],
  );
  return { index, summaries };
}

/**
 * The paper's Figure 1, live: singular value spectra of the attention matrices of every layer and head,
 * for a freshly initialised model or the last trained one (the default once a run has finished: see
 * spectraSource.ts), with reference curves and snapshots to compare side by side.
 */
export function SpectraLab() {
  const settings = useExperimentStore((s) => s.settings);
  const setSetting = useExperimentStore((s) => s.set);
  const backendReady = useBackendStore((s) => s.phase === 'ready');
  const runActive = useRunStore((s) => s.current !== null && ACTIVE_STATUSES.has(s.current.status));
  const run = useRunStore((s) => s.current);
  const savedModel = useRunStore((s) => s.savedModel);
  const imported = useImportedWeightsStore((s) => s.imported);
  const { source: chosenSource, sourceChosen, samples, topIndex, colourScale, phase, progress, error } = useSpectraStore();
  const { snapshots, shownId, compareId } = useSpectraStore();
  const { setSource, setSamples, setTopIndex, setColourScale, show, compareWith, compute, cancel, dismissNotices } =
    useSpectraStore();
  const notices = useSpectraStore((s) => s.notices);
  const [samplesValid, setSamplesValid] = useState(true);
  const [indexValid, setIndexValid] = useState(true);
  const ids = { show: useId(), compare: useId() };

  const trained = imported ? 'ready' : trainedModelState(run, savedModel !== null);
  const source = effectiveSource({ source: chosenSource, sourceChosen }, trained);
  const trainedNote = trainedModelNote(trained, source, !sourceChosen);
  const running = phase === 'running';
  const shown = snapshots.find((s) => s.id === shownId) ?? snapshots[0];
  const compared = snapshots.find((s) => s.id === compareId && s.id !== shown?.id);
  const { index: shownAt, summaries: shownSummaries } = useSummaries(shown, topIndex);
  const { index: comparedAt, summaries: comparedSummaries } = useSummaries(compared, topIndex);
  const scale = useMemo(
    () => heatmapScale(colourScale, compared ? [shownSummaries, comparedSummaries] : [shownSummaries]),
    [colourScale, shownSummaries, comparedSummaries, compared],
  );

  // The next analysis is of an initialised Linformer's n × k P̄ (a trained model keeps its own kind): only then
  // does the model's k matter here, so only then is its control shown.
  const analysingLinformer = source === 'initialised' && settings.attention === 'linformer';
  // A trained model is analysed on the corpus it was trained on (its vocabulary), whatever the controls now say.
  const analysedSettings = source === 'trained' ? { ...settings, corpus: imported?.corpus ?? run?.settings.corpus ?? savedModel?.corpus ?? settings.corpus } : settings;

  const estimate = useSpectraEstimate(analysedSettings, source, imported?.id ?? run?.id ?? JSON.stringify(savedModel));
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
        {analysingLinformer && (
          <FieldControl
            field={fieldByName('k')}
            value={settings.k}
            max={settings.seqLen}
            onChange={(value) => setSetting('k', value as number)}
            onCommit={finishEdit}
          />
        )}
        <FieldControl
          field={SAMPLES_FIELD}
          value={samples}
          disabled={running}
          onChange={(value) => setSamples(value as number)}
          onCommit={finishEdit}
          onValidity={setSamplesValid}
        />
        <FieldControl
          field={INDEX_FIELD}
          value={topIndex}
          onChange={(value) => setTopIndex(value as number)}
          onCommit={finishEdit}
          onValidity={setIndexValid}
        />
        <FieldControl
          field={SCALE_FIELD}
          value={colourScale}
          onChange={(value) => setColourScale(value as ColourScale)}
          onCommit={finishEdit}
        />
      </fieldset>
      <ImportWeights disabled={running} />
      {trainedNote && (
        <p className={trained === 'none' ? 'notice' : 'muted'} role="note" data-testid="spectra-trained-note">
          {trainedNote}
        </p>
      )}
      {keptModelNote(savedModel, run) && <p className="muted" data-testid="spectra-kept-model">{keptModelNote(savedModel, run)}</p>}
      <p className="muted">
        {source === 'trained'
          ? `The trained model keeps its own attention kind and size${(imported ?? run) ? ` (${(imported ?? run)!.label})` : ''}; `
          : `A fresh ${settings.attention} model with the model settings (n = ${settings.seqLen}, ${settings.layers} layers × ${settings.heads} heads, seed ${settings.seed}${analysingLinformer ? `, k = ${settings.k}` : ''}); `}
        sequences are the masked validation windows of {analysedSettings.corpus}. The figures read the share of the top
        i singular values{indexValid ? ` (i = ${topIndex})` : ''}, chosen apart from the model&apos;s k.
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
          disabled={!backendReady || running || !samplesValid || estimate.busy}
          onClick={() => void compute(analysedSettings, source)}
        >
          Compute spectra
        </button>
        <EstimateButton state={estimate} help={SPECTRA_ESTIMATE_HELP} disabled={!backendReady || running || !samplesValid} />
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
      <EstimateStatus state={estimate} busyText={SPECTRA_ESTIMATE_BUSY} testId="spectra-estimate" />
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
          <SnapshotFigures
            key={shown.id}
            snapshot={shown}
            summaries={shownSummaries}
            index={shownAt}
            requestedIndex={topIndex}
            heatmapScale={scale}
            testIdSuffix=""
          />
          {compared && (
            <SnapshotFigures
              key={compared.id}
              snapshot={compared}
              summaries={comparedSummaries}
              index={comparedAt}
              requestedIndex={topIndex}
              heatmapScale={scale}
              testIdSuffix="-compare"
            />
          )}
        </div>
      )}
      <HeadView
        source={source}
        modelSettings={source === 'trained' && imported ? imported.settings : source === 'trained' && run ? run.settings : settings}
        samples={samples}
        trained={trained}
        backendReady={backendReady}
      />
    </section>
  );
}
