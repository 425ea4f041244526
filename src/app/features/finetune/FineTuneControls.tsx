import { Fragment, useEffect, useMemo, useState } from 'react';
import { finishEdit } from '../../settings/link';
import { FieldControl } from '../../shared/forms/FieldControl';
import { FINETUNE_FIELDS, type FineTuneChoices } from './finetuneFields';
import { TrainedModelSelect } from './TrainedModelSelect';
import type { TrainedModelChoice } from '../../../worker/finetuneTypes';

type ChoiceName = 'dataset' | 'start' | 'pooling';
type NumberName = 'steps' | 'learningRate' | 'batchSize';
const CHOICE_FIELDS = FINETUNE_FIELDS.filter((field) => field.type === 'choice');
const NUMBER_FIELDS = FINETUNE_FIELDS.filter((field) => field.type !== 'choice');

interface Props {
  choices: FineTuneChoices;
  disabled: boolean;
  onChoose<K extends keyof FineTuneChoices>(key: K, value: FineTuneChoices[K]): void;
  /** Told whether any number box holds text that is not a usable value. */
  onInvalid(anyInvalid: boolean): void;
  /** The trained models on offer, latest first, and the chosen one ('' for the latest). */
  trainedModels: readonly TrainedModelChoice[];
  trainedRunId: string;
  onChooseTrainedRun(id: string): void;
}

/** The fine-tune settings, one labelled control per field of FINETUNE_FIELDS. */
export function FineTuneControls({
  choices,
  disabled,
  onChoose,
  onInvalid,
  trainedModels,
  trainedRunId,
  onChooseTrainedRun,
}: Props) {
  const [invalid, setInvalid] = useState<Partial<Record<NumberName, boolean>>>({});
  // One stable callback per box, so a box reporting its validity does not make the form render again for nothing.
  const validity = useMemo(() => {
    const callbacks = {} as Record<NumberName, (valid: boolean) => void>;
    for (const field of NUMBER_FIELDS) {
      const name = field.name as NumberName;
      callbacks[name] = (valid) =>
        setInvalid((current) => (!current[name] === valid ? current : { ...current, [name]: !valid }));
    }
    return callbacks;
  }, []);
  const anyInvalid = Object.values(invalid).some(Boolean);
  useEffect(() => onInvalid(anyInvalid), [anyInvalid, onInvalid]);

  return (
    <fieldset className="controls finetune-controls">
      <legend>Fine-tune</legend>
      {CHOICE_FIELDS.map((field) => (
        <Fragment key={field.name}>
          <FieldControl
            field={field}
            value={choices[field.name as ChoiceName]}
            disabled={disabled}
            onChange={(value) => onChoose(field.name as ChoiceName, value as never)}
            onCommit={finishEdit}
          />
          {/* Which trained model, right after "Start from", while a trained model is the start. */}
          {field.name === 'start' && choices.start === 'trained' && (
            <TrainedModelSelect
              models={trainedModels}
              value={trainedRunId}
              disabled={disabled}
              onChoose={onChooseTrainedRun}
            />
          )}
        </Fragment>
      ))}
      {NUMBER_FIELDS.map((field) => (
        <FieldControl
          key={field.name}
          field={field}
          value={choices[field.name as NumberName]}
          disabled={disabled}
          onChange={(value) => onChoose(field.name as NumberName, value as number)}
          onCommit={finishEdit}
          onValidity={validity[field.name as NumberName]}
        />
      ))}
    </fieldset>
  );
}
