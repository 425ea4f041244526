import { useEffect, useMemo, useRef } from 'react';

/** How long key presses must pause before a keyboard edit counts as finished. */
export const COMMIT_PAUSE_MS = 700;

/**
 * For controls whose edits come in runs (a slider dragged or stepped with arrow keys, digits typed): returns
 * `schedule`, which calls `onCommit` once presses pause for COMMIT_PAUSE_MS, and `now`, which calls it at once
 * (pointer released, focus left). The page makes one history entry per finished edit.
 */
export function useCommitAfterPause(onCommit: (() => void) | undefined): { schedule(): void; now(): void } {
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const latest = useRef(onCommit);
  useEffect(() => {
    latest.current = onCommit;
  });
  useEffect(() => () => clearTimeout(timer.current), []);
  return useMemo(
    () => ({
      schedule() {
        clearTimeout(timer.current);
        timer.current = setTimeout(() => latest.current?.(), COMMIT_PAUSE_MS);
      },
      now() {
        clearTimeout(timer.current);
        timer.current = undefined;
        latest.current?.();
      },
    }),
    [],
  );
}
