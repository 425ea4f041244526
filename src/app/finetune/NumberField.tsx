import { useId, useState } from 'react';

interface Props {
  label: string;
  value: number;
  min: number;
  max: number;
  /** Whole numbers only. */
  integer: boolean;
  step?: number | 'any';
  disabled?: boolean;
  onValid(value: number): void;
  /** Told whether the text typed so far is usable, so the Start button can wait for a fix. */
  onValidity(valid: boolean): void;
}

/** A labelled number input that keeps what was typed, says what is wrong with it, and passes on only valid values. */
export function NumberField({ label, value, min, max, integer, step, disabled, onValid, onValidity }: Props) {
  const id = useId();
  const [text, setText] = useState(String(value));
  const parsed = Number(text);
  const valid =
    text.trim() !== '' &&
    Number.isFinite(parsed) &&
    parsed >= min &&
    parsed <= max &&
    (!integer || Number.isInteger(parsed));
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        min={min}
        max={max}
        step={step ?? (integer ? 1 : 'any')}
        value={text}
        disabled={disabled}
        aria-invalid={!valid}
        aria-describedby={valid ? undefined : `${id}-problem`}
        onChange={(e) => {
          setText(e.target.value);
          const next = Number(e.target.value);
          const ok =
            e.target.value.trim() !== '' &&
            Number.isFinite(next) &&
            next >= min &&
            next <= max &&
            (!integer || Number.isInteger(next));
          onValidity(ok);
          if (ok) onValid(next);
        }}
      />
      {!valid && (
        <span id={`${id}-problem`} className="status-error">
          Enter {integer ? 'a whole number' : 'a number'} from {min} to {max}.
        </span>
      )}
    </div>
  );
}
