import { estimateText } from './measuredEstimate';
import type { MeasuredEstimateState } from './useMeasuredEstimate';

interface ButtonProps {
  state: MeasuredEstimateState;
  disabled?: boolean;
  /** Why the button is disabled, as its tooltip. */
  disabledReason?: string;
  /** What the button does, for its tooltip, e.g. "Times 3 training steps and one validation pass here". */
  help: string;
}

/** The "Estimate time" button beside a job's start button. */
export function EstimateButton({ state, disabled, disabledReason, help }: ButtonProps) {
  return (
    <button
      type="button"
      disabled={disabled || state.busy}
      title={disabled && disabledReason ? disabledReason : help}
      onClick={() => void state.run()}
    >
      Estimate time
    </button>
  );
}

/**
 * The estimate the button measured, with its basis, on a line of its own below the buttons (so that it does not
 * move them). An estimate made for settings that have since changed is not shown; the line asks for a new one.
 */
export function EstimateStatus({
  state,
  busyText,
  testId,
}: {
  state: MeasuredEstimateState;
  busyText: string;
  testId: string;
}) {
  let text = '';
  if (state.busy) text = busyText;
  else if (state.error) text = state.error;
  else if (state.estimate) text = estimateText(state.estimate);
  else if (state.stale) text = 'The settings changed since the last estimate: estimate again.';
  return (
    <p
      role="status"
      className={state.error && !state.busy ? 'status-error job-estimate' : 'muted job-estimate'}
      data-testid={testId}
      hidden={text === ''}
    >
      {text}
    </p>
  );
}
