import { nearestStepIndex } from '../../settings/sliderSteps';
import { useCommitAfterPause } from './commitAfterPause';

interface Props {
  /** The caller's <label htmlFor={id}> names the slider. */
  id: string;
  /** The sizes the slider offers, ascending (see sliderSteps: powers of two, with or without midpoints). */
  steps: readonly number[];
  value: number;
  disabled?: boolean;
  /** The id of the text that describes the slider (its help), for aria-describedby. */
  describedBy?: string;
  onChange(value: number): void;
  /** The edit is finished: the pointer is released, or arrow-key presses have paused. */
  onCommit?(): void;
}

/**
 * A range input over a list of sizes. The input moves over step indices rather than the sizes themselves,
 * so one arrow key press is one step however far apart the sizes are; the value itself is read out beside
 * it and announced through aria-valuetext.
 */
export function PowerOfTwoSlider({ id, steps, value, disabled, describedBy, onChange, onCommit }: Props) {
  const index = nearestStepIndex(steps, value);
  const commit = useCommitAfterPause(onCommit);
  return (
    <span className="slider">
      <input
        id={id}
        type="range"
        min={0}
        max={steps.length - 1}
        step={1}
        value={index}
        disabled={disabled}
        aria-valuetext={String(steps[index])}
        aria-describedby={describedBy}
        onChange={(e) => onChange(steps[Number(e.target.value)])}
        onPointerUp={commit.now}
        onKeyUp={commit.schedule}
        onBlur={commit.now}
      />
      <output htmlFor={id}>{value}</output>
    </span>
  );
}
