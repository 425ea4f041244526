import { useId } from 'react';

interface Props {
  label: string;
  /** Called with the chosen file; the input is emptied when it settles, so the same file can be chosen again. */
  onFile(file: File): Promise<void>;
}

/** A labelled file picker for JSON files (runs, results). */
export function JsonFileInput({ label, onFile }: Props) {
  const id = useId();
  return (
    <span className="field inline">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="file"
        accept=".json,application/json"
        onChange={(e) => {
          const input = e.currentTarget;
          const file = input.files?.[0];
          if (file) void onFile(file).finally(() => (input.value = ''));
        }}
      />
    </span>
  );
}
