import { useId } from 'react';
import { HEAD_FIELDS } from './headFields';

const RANK_FIELD = HEAD_FIELDS[3];

interface Props {
  value: number;
  /** min(rows, cols) of the matrix on show: the largest rank it has. */
  max: number;
  onChange(rank: number): void;
  /** The edit is finished (slider released, key let go, focus left): one history entry. */
  onCommit(): void;
}

/**
 * The rank r of the head view's approximation, as a slider from 1 to the matrix's size (a number box would make
 * the sweep from r = 1 to r = n, which is the point, a chore). Native range input: arrows, Page Up/Down, Home and
 * End work, and the value is read out as "r = 5 of 32".
 */
export function RankSlider({ value, max, onChange, onCommit }: Props) {
  const id = useId();
  const helpId = `${id}-help`;
  return (
    <div className="field head-rank">
      <label htmlFor={id}>{RANK_FIELD.label}</label>
      <span className="head-rank-control">
        <input
          id={id}
          type="range"
          min={1}
          max={max}
          step={1}
          value={value}
          aria-describedby={helpId}
          aria-valuetext={`r = ${value} of ${max}`}
          onChange={(e) => onChange(Number(e.target.value))}
          onPointerUp={onCommit}
          onKeyUp={onCommit}
          onBlur={onCommit}
        />
        <output htmlFor={id} data-testid="head-rank-value">
          r = {value} of {max}
        </output>
      </span>
      <span id={helpId} className="field-help">
        {RANK_FIELD.help}
      </span>
    </div>
  );
}
