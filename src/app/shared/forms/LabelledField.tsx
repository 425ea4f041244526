import { useId, type ReactNode } from 'react';

/** A control with its visible label bound to it (htmlFor), so it has an accessible name. */
export function LabelledField({ label, children }: { label: string; children(id: string): ReactNode }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children(id)}
    </div>
  );
}
