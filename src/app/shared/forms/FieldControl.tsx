import { useEffect, useId, useState } from 'react';
import type { FieldSpec, FloatField, IntField } from '../../settings/schema';
import { powerOfTwoSteps } from '../../settings/sliderSteps';
import { PowerOfTwoSlider } from './PowerOfTwoSlider';
import { useCommitAfterPause } from './commitAfterPause';

interface Props {
  field: FieldSpec;
  value: unknown;
  onChange(value: unknown): void;
  /** The edit is finished (a choice made, a slider released, typing paused or left): one history entry. */
  onCommit?(): void;
  /** Told whether a number box holds text that is not a usable value (keep it a stable function). */
  onValidity?(valid: boolean): void;
  /** A tighter upper bound than the schema's (k never above n). */
  max?: number;
  disabled?: boolean;
}

/**
 * The one control for a setting of any field table (experiment, fine-tune, efficiency, spectra): a select for
 * choices, a slider over powers of two, a number box (with a log-scale slider beside it for fields marked `log`,
 * such as learning rates), or a list box. The label is bound to the input (htmlFor), the field's help is shown under
 * it and tied to the input with aria-describedby (screen readers read it), and native inputs keep keyboard
 * operation (arrows on sliders).
 */
export function FieldControl({ field, value, onChange, onCommit, onValidity, max, disabled }: Props) {
  const id = useId();
  const helpId = `${id}-help`;
  const commit = useCommitAfterPause(onCommit);
  let control;
  switch (field.type) {
    case 'choice':
      control = (
        <select
          id={id}
          value={String(value)}
          disabled={disabled}
          aria-describedby={helpId}
          onChange={(e) => {
            onChange(e.target.value);
            commit.now();
          }}
        >
          {field.choices.map((choice) => (
            <option key={choice} value={choice}>
              {field.choiceLabels?.[choice] ?? choice}
            </option>
          ))}
        </select>
      );
      break;
    case 'int':
    case 'float':
      if (field.type === 'int' && field.powersOfTwo) {
        control = (
          <PowerOfTwoSlider
            id={id}
            steps={powerOfTwoSteps(field.min, Math.min(field.max, max ?? field.max))}
            value={value as number}
            disabled={disabled}
            describedBy={helpId}
            onChange={onChange}
            onCommit={onCommit}
          />
        );
      } else {
        control = (
          <NumberInput
            id={id}
            helpId={helpId}
            field={field}
            value={value as number}
            max={Math.min(field.max, max ?? field.max)}
            disabled={disabled}
            onValidity={onValidity}
            onChange={(v) => {
              onChange(v);
              commit.schedule();
            }}
            onCommit={commit.now}
          />
        );
      }
      break;
    case 'intList':
      control = (
        <input
          id={id}
          type="text"
          inputMode="numeric"
          placeholder="e.g. 64,64,32,32"
          defaultValue={(value as number[]).join(',')}
          disabled={disabled}
          aria-describedby={helpId}
          onBlur={(e) => {
            const text = e.target.value.trim();
            const values = text === '' ? [] : text.split(',').map((part) => Number(part.trim()));
            if (values.every((v) => Number.isInteger(v) && v >= field.min && v <= field.max)) {
              onChange(values);
              commit.now();
            } else e.target.value = (value as number[]).join(',');
          }}
        />
      );
      break;
  }
  return (
    <div className="field">
      <label htmlFor={id}>{field.label}</label>
      {control}
      <span id={helpId} className="field-help">
        {field.help}
      </span>
    </div>
  );
}

function isUsable(field: IntField | FloatField, max: number, text: string): boolean {
  const value = Number(text);
  return text.trim() !== '' && Number.isFinite(value) && value >= field.min && value <= max && (field.type === 'float' || Number.isInteger(value));
}

/** Slider positions per decade on a log-scale slider. */
const LOG_STEPS_PER_DECADE = 20;

/**
 * A number box that keeps what is typed (e.g. "0.000" on the way to "0.0005"), says what is wrong with it and passes
 * on only usable values; a value changed from outside (a preset, a link, back/forward) replaces the text. Fields
 * marked `log` get a slider over log₁₀ of the value beside it, so a learning rate moves by factors, not by 0.001s.
 */
function NumberInput(props: {
  id: string;
  helpId: string;
  field: IntField | FloatField;
  value: number;
  max: number;
  disabled?: boolean;
  onChange(value: number): void;
  onCommit(): void;
  onValidity?(valid: boolean): void;
}) {
  const { id, helpId, field, max, disabled } = props;
  const [text, setText] = useState(String(props.value));
  const [shown, setShown] = useState(props.value);
  if (props.value !== shown) {
    setShown(props.value);
    setText(String(props.value));
  }
  const valid = isUsable(field, max, text);
  const { onValidity } = props;
  useEffect(() => onValidity?.(valid), [valid, onValidity]);
  const problemId = `${id}-problem`;
  const accept = (next: string) => {
    setText(next);
    if (isUsable(field, max, next)) {
      const value = Number(next);
      setShown(value);
      props.onChange(value);
    }
  };
  const logScale = field.type === 'float' && field.log && field.min > 0;
  return (
    <span className="number-control">
      {logScale && (
        <input
          type="range"
          aria-label={`${field.label} (log scale)`}
          min={Math.log10(field.min) * LOG_STEPS_PER_DECADE}
          max={Math.log10(max) * LOG_STEPS_PER_DECADE}
          step={1}
          value={Math.round(Math.log10(Math.max(field.min, props.value)) * LOG_STEPS_PER_DECADE)}
          aria-valuetext={String(props.value)}
          disabled={disabled}
          onChange={(e) => accept(String(Number((10 ** (Number(e.target.value) / LOG_STEPS_PER_DECADE)).toPrecision(2))))}
          onPointerUp={props.onCommit}
          onBlur={props.onCommit}
        />
      )}
      <input
        id={id}
        type="number"
        min={field.min}
        max={max}
        step={field.type === 'int' ? 1 : 'any'}
        value={text}
        disabled={disabled}
        aria-invalid={!valid}
        aria-describedby={valid ? helpId : `${problemId} ${helpId}`}
        onBlur={props.onCommit}
        onChange={(e) => accept(e.target.value)}
      />
      {!valid && (
        <span id={problemId} className="status-error">
          Enter {field.type === 'int' ? 'a whole number' : 'a number'} from {field.min} to {max}.
        </span>
      )}
    </span>
  );
}
