import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { finishEdit } from '../../settings/link';
import type { ExperimentSettings } from '../../settings/schema';
import { FieldControl } from '../../shared/forms/FieldControl';
import { SettingsNotice } from '../../shell/SettingsNotice';
import type { SpectraSource } from '../../../worker/spectraTypes';
import { HeadFigures } from './HeadFigures';
import { HEAD_FIELDS } from './headFields';
import { useHeadStore } from './headStore';
import { MAX_SHOWN, describeHead, headRequest, needsWindow, requestKey } from './headViewData';
import type { TrainedModelState } from './spectraSource';

const [LAYER_FIELD, HEAD_FIELD, SEQUENCE_FIELD, , WINDOW_FIELD] = HEAD_FIELDS;

interface Props {
  /** The model the spectra section analyses (spectraSource.ts decides it), so the head is one of its heads. */
  source: SpectraSource;
  /** That model's settings: the run's own for 'trained', the controls' for 'initialised'. */
  modelSettings: ExperimentSettings;
  /** The spectra section's sample count: the sequences to pick from are the windows it averages over. */
  samples: number;
  trained: TrainedModelState;
  backendReady: boolean;
}

type Validity = { layer: boolean; head: boolean; sequence: boolean; windowStart: boolean };

/**
 * "Look inside a head": the matrix Claim 1 is about, for one layer, head and sampled validation sequence, over the
 * sequence's own tokens, beside its best rank-r approximation and its singular values. The first head is read on
 * "Show this head"; once one is on show, a new selection is read at once (one sequence: cheap), and r and the
 * window move on the page without asking the worker.
 */
export function HeadView({ source, modelSettings, samples, trained, backendReady }: Props) {
  const { layer, head, sequence, rank, windowStart, phase, error, result, resultKey, notices } = useHeadStore();
  const { choose, show, dismissNotices } = useHeadStore();
  const titleId = useId();
  const [valid, setValid] = useState<Validity>({ layer: true, head: true, sequence: true, windowStart: true });
  // Stable per field, as FieldControl asks of onValidity.
  const onValidity = useMemo(() => {
    const make = (name: keyof Validity) => (ok: boolean) => setValid((v) => (v[name] === ok ? v : { ...v, [name]: ok }));
    return { layer: make('layer'), head: make('head'), sequence: make('sequence'), windowStart: make('windowStart') };
  }, []);

  const noModel = source === 'trained' && trained === 'none';
  const outOfRange =
    layer > modelSettings.layers
      ? `The model has ${modelSettings.layers} layer${modelSettings.layers === 1 ? '' : 's'}: pick one of them.`
      : head > modelSettings.heads
        ? `The model has ${modelSettings.heads} head${modelSettings.heads === 1 ? '' : 's'} per layer: pick one of them.`
        : sequence > samples
          ? `Only ${samples} sequence${samples === 1 ? ' is' : 's are'} sampled (“Sequences to average over” above): pick one of them, or sample more.`
          : null;
  const request = useMemo(
    () => headRequest(modelSettings, source, samples, { layer, head, sequence }),
    [modelSettings, source, samples, layer, head, sequence],
  );
  const key = requestKey(request);
  const running = phase === 'running';
  const canShow = backendReady && !noModel && outOfRange === null && valid.layer && valid.head && valid.sequence;

  // Once a head is on show, each new selection is read at once; a failed one is not retried until it changes.
  const lastAuto = useRef<string | null>(null);
  useEffect(() => {
    if (!result || key === resultKey || !canShow || lastAuto.current === key) return;
    lastAuto.current = key;
    void show(request);
  }, [result, key, resultKey, canShow, request, show]);

  let status: string;
  if (running) status = 'Reading the head: one forward pass and one SVD…';
  else if (phase === 'failed') status = `Failed: ${error}`;
  else if (result)
    status = `Shown: ${describeHead(result)}; ${result.backend}, ${result.timing.attentionMs.toFixed(0)} ms attention, ${result.timing.svdMs.toFixed(0)} ms SVD.`;
  else status = 'No head shown yet.';

  return (
    <div className="head-view" role="group" aria-labelledby={titleId}>
      <h3 id={titleId}>Look inside a head</h3>
      <p className="muted">
        The figures above average spectra over heads and sequences. Here is one matrix they are made of: one head&apos;s
        attention P for one of the sampled validation sequences, drawn over that sequence&apos;s own tokens (masked ones as
        █), beside P_r, its best approximation of rank r, and its singular values. Claim 1 holds for this head if a small r
        already leaves a small error.
      </p>
      <SettingsNotice notices={notices} onDismiss={dismissNotices} what="head view settings" testId="head-settings-notice" />
      <fieldset className="controls spectra-controls">
        <legend>Head</legend>
        <FieldControl
          field={LAYER_FIELD}
          value={layer}
          max={modelSettings.layers}
          onChange={(value) => choose('layer', value as number)}
          onCommit={finishEdit}
          onValidity={onValidity.layer}
        />
        <FieldControl
          field={HEAD_FIELD}
          value={head}
          max={modelSettings.heads}
          onChange={(value) => choose('head', value as number)}
          onCommit={finishEdit}
          onValidity={onValidity.head}
        />
        <FieldControl
          field={SEQUENCE_FIELD}
          value={sequence}
          max={samples}
          onChange={(value) => choose('sequence', value as number)}
          onCommit={finishEdit}
          onValidity={onValidity.sequence}
        />
        {result && needsWindow(result) && (
          <FieldControl
            field={WINDOW_FIELD}
            value={windowStart}
            max={Math.max(result.rows, result.cols) - MAX_SHOWN + 1}
            onChange={(value) => choose('windowStart', value as number)}
            onCommit={finishEdit}
            onValidity={onValidity.windowStart}
          />
        )}
      </fieldset>
      {noModel && (
        <p className="notice" role="note" data-testid="head-no-model">
          There is no trained model yet, so there is no trained head to show: choose “initialised” under “Model to
          analyse”, or train a run first.
        </p>
      )}
      {outOfRange && !noModel && (
        <p className="notice" role="note" data-testid="head-range-note">
          {outOfRange}
        </p>
      )}
      <div className="run-buttons">
        <button type="button" disabled={!canShow || running} onClick={() => void show(request)}>
          Show this head
        </button>
        <span
          data-testid="head-status"
          role={phase === 'failed' ? 'alert' : 'status'}
          className={phase === 'failed' ? 'status-error' : 'muted'}
        >
          {status}
        </span>
      </div>
      {result && key !== resultKey && !running && (
        <p className="muted" role="note" data-testid="head-stale-note">
          The controls now ask for another head than the one shown ({describeHead(result)}).
        </p>
      )}
      {result && (
        // Keyed by the head, so a new one starts with no cell under the read-out.
        <HeadFigures key={resultKey} result={result} rank={rank} windowStart={windowStart} onRank={(r) => choose('rank', r)} />
      )}
    </div>
  );
}
