import { useId, useState } from 'react';
import { parseLengths } from './parseLengths';

/** A comma-separated list of powers of two; invalid text stays in the box with a message beside it. */
export function SweepListInput(props: {
  label: string;
  values: number[];
  min: number;
  max: number;
  disabled?: boolean;
  onChange(values: number[]): void;
}) {
  const id = useId();
  const [text, setText] = useState(props.values.join(', '));
  const [error, setError] = useState<string | null>(null);
  // A change from outside (a headless driver's sweep) replaces the text; typing commits the same values
  // it shows, so it is left alone.
  const [shown, setShown] = useState(props.values.join(','));
  if (props.values.join(',') !== shown) {
    setShown(props.values.join(','));
    setText(props.values.join(', '));
    setError(null);
  }
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        type="text"
        inputMode="numeric"
        value={text}
        disabled={props.disabled}
        aria-invalid={error ? 'true' : 'false'}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => {
          setText(e.target.value);
          const parsed = parseLengths(e.target.value, props.min, props.max);
          if ('error' in parsed) setError(parsed.error);
          else {
            setError(null);
            setShown(parsed.values.join(','));
            props.onChange(parsed.values);
          }
        }}
      />
      {error && (
        <span id={`${id}-error`} className="field-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
