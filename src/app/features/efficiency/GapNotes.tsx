import type { BenchRow } from '../../../worker/benchTypes';
import { gapNotes, TARGET_FRACTION, type BenchShape } from './ratioAnalysis';

/** Where the measured ratio at the largest n falls below 80% of theory: the gap and its likely cause. */
export function GapNotes({ rows, shape }: { rows: readonly BenchRow[]; shape: BenchShape }) {
  const notes = gapNotes(rows, shape);
  if (notes.length === 0) return null;
  return (
    <div className="notice gap-notes" data-testid="efficiency-gaps">
      <strong>Below {Math.round(TARGET_FRACTION * 100)}% of theory at the largest n:</strong>
      <ul>
        {notes.map((note) => (
          <li key={`${note.kind}-${note.n}-${note.k}`}>
            n = {note.n}, k = {note.k}: {note.kind} {note.measured.toPrecision(3)}× measured against{' '}
            {note.theory.toPrecision(3)}× in theory ({Math.round(note.fraction * 100)}%). Likely cause: {note.cause}
          </li>
        ))}
      </ul>
    </div>
  );
}
