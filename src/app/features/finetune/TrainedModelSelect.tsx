import { useId } from 'react';
import type { TrainedModelChoice } from '../../../worker/finetuneTypes';
import { TRAINED_MODEL_HELP, trainedModelLabel } from './trainedModelLabels';

interface Props {
  models: readonly TrainedModelChoice[];
  /** The chosen run's id; '' for the latest. */
  value: string;
  disabled: boolean;
  onChoose(id: string): void;
}

/**
 * The trained model a fine-tune starts from, as a labelled select with its help (the field look of FieldControl).
 * Choosing the first (latest) model stores '' — "the latest" — so that a run trained later becomes the default.
 */
export function TrainedModelSelect({ models, value, disabled, onChoose }: Props) {
  const id = useId();
  const helpId = `${id}-help`;
  const selected = value !== '' && models.some((model) => model.id === value) ? value : (models[0]?.id ?? '');
  return (
    <div className="field trained-model-field">
      <label htmlFor={id}>Trained model</label>
      <select
        id={id}
        value={selected}
        disabled={disabled || models.length === 0}
        aria-describedby={helpId}
        data-testid="finetune-trained-model"
        onChange={(e) => onChoose(e.target.value === models[0]?.id ? '' : e.target.value)}
      >
        {models.length === 0 && <option value="">none yet: train a model in the lab above</option>}
        {models.map((model, index) => (
          <option key={model.id} value={model.id}>
            {trainedModelLabel(model, index)}
          </option>
        ))}
      </select>
      <span id={helpId} className="field-help">
        {TRAINED_MODEL_HELP}
      </span>
    </div>
  );
}
