import { fieldByName, type ExperimentSettings, type SettingName } from '../../settings/schema';
import { useExperimentStore } from '../../settings/experimentStore';
import { finishEdit } from '../../settings/link';
import { FieldControl } from '../../shared/forms/FieldControl';

interface Props {
  /** Which settings to show, in order. */
  names: readonly SettingName[];
  disabled?: boolean;
  legend: string;
}

/** A group of labelled controls bound to the experiment store (and so to the URL). */
export function ExperimentControls({ names, disabled, legend }: Props) {
  const settings = useExperimentStore((s) => s.settings);
  const set = useExperimentStore((s) => s.set);
  return (
    <fieldset className="controls" disabled={disabled}>
      <legend>{legend}</legend>
      {names.map((name) => (
        <FieldControl
          key={name}
          field={fieldByName(name)}
          value={settings[name]}
          max={name === 'k' ? settings.seqLen : undefined}
          onChange={(value) => set(name, value as ExperimentSettings[typeof name])}
          onCommit={finishEdit}
        />
      ))}
    </fieldset>
  );
}
