import { useId, useState } from 'react';
import type { FieldSpec } from '../../settings/schema';
import { powerOfTwoSteps } from '../../settings/sliderSteps';
import { PowerOfTwoSlider } from './PowerOfTwoSlider';
import { useCommitAfterPause } from './commitAfterPause';

interface Props {
  field: FieldSpec;
  value: unknown;
  onChange(value: unknown): void;
  /** The edit is finished (a choice made, a slider released, typing paused or left): one history entry. */
  onCommit?(): void;
  /** A tighter upper bound than the schema's (k never above n). */
  max?: number;
  disabled?: boolean;
}

/**
 * One experiment setting as a labelled control. The label is bound to the input (htmlFor), so every
 * control has an accessible name, and native inputs keep keyboard operation (arrows on sliders).
 */
export function FieldControl({ field, value, onChange, onCommit, max, disabled }: Props) {
  const id = useId();
  const commit = useCommitAfterPause(onCommit);
  let control;
  switch (field.type) {
    case 'choice':
      control = (
        <select
          id={id}
          value={String(value)}
          disabled={disabled}
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
      if (field.powersOfTwo) {
        control = (
          <PowerOfTwoSlider
            id={id}
            steps={powerOfTwoSteps(field.min, Math.min(field.max, max ?? field.max))}
            value={value as number}
            disabled={disabled}
            onChange={onChange}
            onCommit={onCommit}
          />
        );
      } else {
        control = (
          <NumberInput
            id={id}
            value={value as number}
            min={field.min}
            max={max ?? field.max}
            step={1}
            disabled={disabled}
            onChange={(v) => {
              onChange(v);
              commit.schedule();
            }}
            onBlur={commit.now}
          />
        );
      }
      break;
    case 'float':
      control = (
        <NumberInput
          id={id}
          value={value as number}
          min={field.min}
          max={field.max}
          step="any"
          disabled={disabled}
          onChange={(v) => {
            onChange(v);
            commit.schedule();
          }}
          onBlur={commit.now}
        />
      );
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
      <label htmlFor={id} title={field.help}>
        {field.label}
      </label>
      {control}
    </div>
  );
}

function NumberInput(props: {
  id: string;
  value: number;
  min: number;
  max: number;
  step: number | 'any';
  disabled?: boolean;
  onChange(value: number): void;
  onBlur?(): void;
}) {
  // The box keeps what is typed (e.g. "0.000" on the way to "0.0005") and commits only valid values;
  // a change from outside (a preset, back/forward) replaces the text.
  const [text, setText] = useState(String(props.value));
  const [shown, setShown] = useState(props.value);
  if (props.value !== shown) {
    setShown(props.value);
    setText(String(props.value));
  }
  const parsed = Number(text);
  const valid = text.trim() !== '' && Number.isFinite(parsed) && parsed >= props.min && parsed <= props.max;
  return (
    <input
      id={props.id}
      type="number"
      min={props.min}
      max={props.max}
      step={props.step}
      value={text}
      disabled={props.disabled}
      aria-invalid={!valid}
      onBlur={props.onBlur}
      onChange={(e) => {
        setText(e.target.value);
        const value = Number(e.target.value);
        if (e.target.value.trim() !== '' && Number.isFinite(value) && value >= props.min && value <= props.max) {
          setShown(value);
          props.onChange(value);
        }
      }}
    />
  );
}
