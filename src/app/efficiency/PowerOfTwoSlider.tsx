import { useId } from 'react';

/** A labelled slider over powers of two from min to max (arrow keys step one power). */
export function PowerOfTwoSlider(props: {
  label: string;
  value: number;
  min: number;
  max: number;
  disabled?: boolean;
  onChange(value: number): void;
}) {
  const id = useId();
  const steps: number[] = [];
  for (let v = props.min; v <= props.max; v *= 2) steps.push(v);
  const index = Math.max(0, steps.indexOf(props.value));
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <span className="slider">
        <input
          id={id}
          type="range"
          min={0}
          max={steps.length - 1}
          step={1}
          value={index}
          disabled={props.disabled}
          aria-valuetext={String(steps[index])}
          onChange={(e) => props.onChange(steps[Number(e.target.value)])}
        />
        <output htmlFor={id}>{steps[index]}</output>
      </span>
    </div>
  );
}
