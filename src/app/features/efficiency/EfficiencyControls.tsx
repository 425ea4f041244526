import { downloadCsv } from '../../shared/export/exportFigure';
import { PowerOfTwoSlider } from '../../shared/forms/PowerOfTwoSlider';
import { powersOfTwo } from '../../settings/sliderSteps';
import { useEfficiencyStore } from './efficiencyStore';
import { EFFICIENCY_FIELDS, K_MIN, N_MAX, N_MIN } from './efficiencyFields';
import { FieldControl } from '../../shared/forms/FieldControl';
import { finishEdit } from '../../settings/link';
import { LabelledField } from '../../shared/forms/LabelledField';
import { SweepListInput } from '../../shared/forms/SweepListInput';
import { SWEEP_ESTIMATE_BUSY, SWEEP_ESTIMATE_HELP, useSweepEstimate } from './useSweepEstimate';
import { EstimateButton, EstimateStatus } from '../../shared/estimate/EstimateControl';

const REPEATS_FIELD = EFFICIENCY_FIELDS.find((field) => field.name === 'repeats')!;
const N_STEPS = powersOfTwo(N_MIN, N_MAX);

/** The (n, k) sliders, the sweep lists and the run buttons. */
export function EfficiencyControls({ disabled }: { disabled: boolean }) {
  const { n, k, sweepNs, sweepKs, options, phase, rows } = useEfficiencyStore();
  const { setN, setK, setSweep, setOptions, measurePoint, runSweep, cancel, clear } = useEfficiencyStore.getState();
  const running = phase === 'running';
  const estimate = useSweepEstimate();
  return (
    <>
      <div className="controls-row">
        <fieldset className="controls">
          <legend>Point</legend>
          <LabelledField label="Sequence length n">
            {(id) => <PowerOfTwoSlider id={id} steps={N_STEPS} value={n} disabled={running} onChange={setN} onCommit={finishEdit} />}
          </LabelledField>
          <LabelledField label="Projected length k">
            {(id) => (
              <PowerOfTwoSlider id={id} steps={powersOfTwo(K_MIN, n)} value={k} disabled={running} onChange={setK} onCommit={finishEdit} />
            )}
          </LabelledField>
        </fieldset>
        <fieldset className="controls">
          <legend>Sweep</legend>
          <SweepListInput
            label="Sweep n (powers of two)"
            values={sweepNs}
            min={N_MIN}
            max={N_MAX}
            disabled={running}
            onChange={(ns) => setSweep(ns, sweepKs)}
          />
          <SweepListInput
            label="Sweep k (powers of two)"
            values={sweepKs}
            min={K_MIN}
            max={N_MAX}
            disabled={running}
            onChange={(ks) => setSweep(sweepNs, ks)}
          />
        </fieldset>
        <fieldset className="controls">
          <legend>Timing</legend>
          <FieldControl
            field={REPEATS_FIELD}
            value={options.repeats}
            disabled={running}
            onChange={(value) => setOptions({ repeats: value as number })}
            onCommit={finishEdit}
          />
          <LabelledField label="Also time a training step">
            {(id) => (
              <input
                id={id}
                type="checkbox"
                checked={options.training}
                disabled={running}
                onChange={(e) => {
                  setOptions({ training: e.target.checked });
                  finishEdit();
                }}
              />
            )}
          </LabelledField>
        </fieldset>
      </div>
      <div className="run-buttons">
        <button type="button" disabled={disabled || running || estimate.busy} onClick={() => void measurePoint()}>
          Measure point
        </button>
        <button type="button" disabled={disabled || running || estimate.busy} onClick={() => void runSweep()}>
          Run sweep
        </button>
        <EstimateButton
          state={estimate}
          help={SWEEP_ESTIMATE_HELP}
          disabled={disabled || running}
          disabledReason="A sweep is running, or this model cannot be built."
        />
        <button type="button" disabled={!running} onClick={cancel}>
          Cancel
        </button>
        <button type="button" disabled={running || rows.length === 0} onClick={clear}>
          Clear rows
        </button>
        <button
          type="button"
          disabled={rows.length === 0}
          onClick={() =>
            downloadCsv(
              rows.map((r) => ({ ...r })),
              'efficiency-rows',
            )
          }
        >
          Rows as CSV
        </button>
      </div>
      <EstimateStatus state={estimate} busyText={SWEEP_ESTIMATE_BUSY} testId="sweep-estimate" />
    </>
  );
}
