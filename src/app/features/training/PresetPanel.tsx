import { useState } from 'react';
import {
  DEFAULT_SEEDS,
  PRESET_SIZES,
  SIZE_NAMES,
  presetSettings,
  sameExperiment,
  type Preset,
  type PresetSize,
} from './presets';
import { MAX_SEEDS, queueProgress, withCurrentRun } from './presetQueue';
import { usePresetQueueStore } from './presetQueueStore';
import { useExperimentStore } from '../../settings/experimentStore';
import { useHistoryStore } from './historyStore';
import { useRunStore } from './runStore';
import { useBackendStore } from '../../shell/backendStore';
import { ActionMessage } from '../../shared/forms/ActionMessage';
import { PresetTiming, usePresetTiming } from './PresetTiming';
import { PresetResults } from './PresetResults';
import { durationText, queueSecondsLeft, recentMsPerStep } from './presetEstimate';
import type { QueueProgress } from './presetQueue';
import type { RunRecord } from './runRecord';

/** Seconds left in the queue, from the timed speeds or the running run's own (null before a step has run). */
function queueTimeLeft(
  progress: QueueProgress,
  current: RunRecord | null,
  timed: ReadonlyMap<number, number> | undefined,
): number | null {
  const { remaining } = progress;
  const job = current ? remaining.find((candidate) => sameExperiment(candidate.settings, current.settings)) : undefined;
  const msPerStep = current ? recentMsPerStep(current.training) : NaN;
  if (!timed && !Number.isFinite(msPerStep)) return null;
  return queueSecondsLeft(
    remaining,
    job && current ? { job, stepsDone: current.training.length, msPerStep } : null,
    timed,
  );
}

/** One preset: its size and seeds, the time estimate, the queue, the configurations and the results so far. */
export function PresetPanel({ preset, disabled }: { preset: Preset; disabled: boolean }) {
  const queue = usePresetQueueStore((s) => s.queue);
  const message = usePresetQueueStore((s) => s.message);
  const startQueue = usePresetQueueStore((s) => s.start);
  const stopQueue = usePresetQueueStore((s) => s.stop);
  const history = useHistoryStore((s) => s.runs);
  const current = useRunStore((s) => s.current);
  const settings = useExperimentStore((s) => s.settings);
  const replaceAll = useExperimentStore((s) => s.replaceAll);
  const backendReady = useBackendStore((s) => s.phase === 'ready');
  const running = queue?.presetId === preset.id ? queue : null;
  const [size, setSize] = useState<PresetSize>(running?.size ?? 'quick');
  const [seeds, setSeeds] = useState<number>(running?.seeds ?? DEFAULT_SEEDS);
  const timing = usePresetTiming(preset);

  const shownSize = running?.size ?? size;
  const shownSeeds = running?.seeds ?? seeds;
  const runs = withCurrentRun(current, history);
  const progress = queueProgress({ presetId: preset.id, size: shownSize, seeds: shownSeeds }, runs);
  const seedsValid = Number.isInteger(seeds) && seeds >= 1 && seeds <= MAX_SEEDS;
  const timeLeft = running ? queueTimeLeft(progress, current, timing.measured[shownSize]) : null;

  return (
    <div className="preset-plan" data-testid="preset-plan">
      <p>
        <strong>{preset.question}</strong> Paper: {preset.paper}
      </p>
      <fieldset className="preset-size" disabled={running !== null}>
        <legend>Size</legend>
        {PRESET_SIZES.map((option) => (
          <label key={option} className="preset-size-option">
            <input
              type="radio"
              name={`preset-size-${preset.id}`}
              value={option}
              checked={shownSize === option}
              onChange={() => setSize(option)}
            />{' '}
            <strong>{SIZE_NAMES[option]}</strong>: {preset.sizes[option].description}
            <PresetTiming
              timing={timing}
              size={option}
              jobs={queueProgress({ presetId: preset.id, size: option, seeds: shownSeeds }, runs)}
            />
          </label>
        ))}
      </fieldset>
      <div className="preset-queue-row">
        <label className="field">
          <span>Seeds per configuration</span>
          <input
            type="number"
            min={1}
            max={MAX_SEEDS}
            step={1}
            value={shownSeeds}
            disabled={running !== null}
            aria-describedby={`seeds-help-${preset.id}`}
            onChange={(event) => setSeeds(Number(event.target.value))}
          />
          <small id={`seeds-help-${preset.id}`} className="muted">
            Seeds 1 to {seedsValid ? seeds : '…'}: each configuration runs once per seed, and figures show the mean with
            the min–max over seeds.
          </small>
        </label>
        <button
          type="button"
          disabled={disabled || timing.busy || running !== null || !backendReady}
          onClick={() => void timing.time()}
        >
          Time both sizes on this backend
        </button>
        {running ? (
          <button type="button" onClick={() => void stopQueue()}>
            Stop queue
          </button>
        ) : (
          <button
            type="button"
            disabled={
              disabled || timing.busy || !backendReady || !seedsValid || queue !== null || progress.next === null
            }
            onClick={() => startQueue({ presetId: preset.id, size, seeds })}
          >
            Run whole preset ({progress.jobs.length - progress.done.length} of {progress.jobs.length} runs to go)
          </button>
        )}
      </div>
      {!seedsValid && (
        <p role="alert" className="status-error">
          Seeds must be a whole number from 1 to {MAX_SEEDS}.
        </p>
      )}
      {running && (
        <p role="status" data-testid="preset-queue-status">
          Queue: {progress.done.length} of {progress.jobs.length} runs done
          {progress.next ? `; now ${progress.next.label}` : ''}
          {timeLeft !== null && Number.isFinite(timeLeft) ? `; ${durationText(timeLeft)} left` : ''}. It resumes by
          itself if the page is reloaded.
        </p>
      )}
      <ActionMessage message={message} testId="preset-queue-message" />
      <ol>
        {preset.runs.map((run, index) => {
          const target = presetSettings(preset, shownSize, index, 1);
          const loaded = sameExperiment(settings, target);
          const done = progress.done.filter((job) => job.runIndex === index).length;
          return (
            <li key={run.label}>
              <button
                type="button"
                disabled={disabled || loaded || running !== null}
                aria-label={`Load run: ${run.label}`}
                onClick={() => replaceAll(target, 'push')}
              >
                {loaded ? 'Loaded' : 'Load'}
              </button>{' '}
              {run.label}
              <span className={done === shownSeeds ? 'good-text' : 'muted'}>
                {' '}
                · {done} of {shownSeeds} seeds finished
              </span>
            </li>
          );
        })}
      </ol>
      <PresetResults preset={preset} size={shownSize} runs={runs} />
    </div>
  );
}
