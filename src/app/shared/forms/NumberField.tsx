import { useEffect, useId, useState } from 'react';
import type { FloatField, IntField } from '../../settings/schema';

interface Props {
  field: IntField | FloatField;
  value: number;
  disabled?: boolean;
  onValid(value: number): void;
  /** Told whether the text is usable, so the Start button can wait for a fix (keep it a stable function). */
  onValidity(valid: boolean): void;
}

function isValid(field: IntField | FloatField, text: string): boolean {
  const value = Number(text);
  return (
    text.trim() !== '' &&
    Number.isFinite(value) &&
    value >= field.min &&
    value <= field.max &&
    (field.type === 'float' || Number.isInteger(value))
  );
}

/**
 * A labelled number input for one field of a settings table: it keeps what was typed, says what is wrong with
 * it, and passes on only valid values. A value changed from outside (a link, back/forward) replaces the text.
 */
export function NumberField({ field, value, disabled, onValid, onValidity }: Props) {
  const id = useId();
  const [text, setText] = useState(String(value));
  const [shown, setShown] = useState(value);
  if (value !== shown) {
    setShown(value);
    setText(String(value));
  }
  const valid = isValid(field, text);
  // Reported after every change of the text, typed or set from outside.
  useEffect(() => onValidity(valid), [valid, onValidity]);
  const integer = field.type === 'int';
  return (
    <div className="field">
      <label htmlFor={id}>{field.label}</label>
      <input
        id={id}
        type="number"
        min={field.min}
        max={field.max}
        step={integer ? 1 : 'any'}
        value={text}
        disabled={disabled}
        aria-invalid={!valid}
        aria-describedby={valid ? undefined : `${id}-problem`}
        onChange={(e) => {
          setText(e.target.value);
          if (isValid(field, e.target.value)) {
            const next = Number(e.target.value);
            setShown(next);
            onValid(next);
          }
        }}
      />
      {!valid && (
        <span id={`${id}-problem`} className="status-error">
          Enter {integer ? 'a whole number' : 'a number'} from {field.min} to {field.max}.
        </span>
      )}
    </div>
  );
}
