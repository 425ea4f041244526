import { useState } from 'react';
import { computeWorker } from '../../shared/compute/computeClient';
import { describeError } from '../../shared/format/describeError';
import { toRunSpec } from '../../settings/toRunSpec';
import { useBackendStore } from '../../shell/backendStore';
import { PRESET_SIZES, presetSettings, type Preset, type PresetSize } from './presets';
import { durationText, queueSeconds } from './presetEstimate';
import type { QueueProgress } from './presetQueue';

/** Steps timed per configuration (after one untimed step that compiles the kernels). */
const TIMED_STEPS = 2;

export interface PresetTimingState {
  /** ms per step for each size and configuration (run index), on `backend`. */
  measured: Partial<Record<PresetSize, Map<number, number>>>;
  backend: string | null;
  busy: boolean;
  progress: string | null;
  error: string | null;
  time(): Promise<void>;
}

/** Times a few steps of every configuration at both sizes on the active backend. */
export function usePresetTiming(preset: Preset): PresetTimingState {
  const [state, setState] = useState<Omit<PresetTimingState, 'time'>>({
    measured: {},
    backend: null,
    busy: false,
    progress: null,
    error: null,
  });
  const time = async () => {
    const backend = useBackendStore.getState().report?.active ?? null;
    const measured: PresetTimingState['measured'] = {};
    const total = PRESET_SIZES.length * preset.runs.length;
    let done = 0;
    setState({ measured, backend, busy: true, progress: `Timing configuration 1 of ${total}…`, error: null });
    try {
      for (const size of PRESET_SIZES) {
        const bySize = new Map<number, number>();
        for (let index = 0; index < preset.runs.length; index++) {
          const spec = toRunSpec(presetSettings(preset, size, index, 1));
          const { msPerStep } = await computeWorker().timeSteps(spec, TIMED_STEPS);
          bySize.set(index, msPerStep);
          done++;
          setState((s) => ({ ...s, progress: done < total ? `Timing configuration ${done + 1} of ${total}…` : null }));
        }
        measured[size] = bySize;
      }
      setState({ measured: { ...measured }, backend, busy: false, progress: null, error: null });
    } catch (error) {
      setState((s) => ({ ...s, busy: false, progress: null, error: `Timing failed: ${describeError(error)}` }));
    }
  };
  return { ...state, time };
}

/** The estimate beside one size option: the runs still to make at the timed speed, or how to get one. */
export function PresetTiming({
  timing,
  size,
  jobs,
}: {
  timing: PresetTimingState;
  size: PresetSize;
  jobs: QueueProgress;
}) {
  const { remaining } = jobs;
  const speeds = timing.measured[size];
  let text: string;
  if (timing.error) text = timing.error;
  else if (timing.busy) text = timing.progress ?? 'Timing…';
  else if (remaining.length === 0) text = 'every run is in the history.';
  else if (!speeds) text = `${remaining.length} runs to go; time them to see how long they take here.`;
  else {
    const steps = [...speeds.values()].map((ms) => `${ms.toFixed(0)}`).join(', ');
    text =
      `${remaining.length} runs to go: ${durationText(queueSeconds(remaining, speeds))} on ${timing.backend ?? 'this backend'} ` +
      `(timed ${steps} ms per step; validation estimated).`;
  }
  return (
    <span
      className={timing.error ? 'status-error preset-estimate' : 'muted preset-estimate'}
      data-testid={`preset-estimate-${size}`}
    >
      {' '}
      — {text}
    </span>
  );
}
