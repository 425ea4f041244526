/**
 * Which history runs the training figures overlay. Until someone ticks or unticks a run, nobody has chosen, and
 * the figures show the latest runs, so a reload does not leave them empty; once someone has, their choice is kept,
 * even an empty one. The choice is stored as `{"ticked": [ids]}`.
 *
 * Earlier versions stored a bare array, and wrote it on every delete as well as on every tick, so an empty one
 * cannot tell "chose none" from "never chose". It is read as "never chose" (it is what left the figures empty after
 * a reload); a non-empty one is still a choice. Pure functions: historyStore.ts reads and writes localStorage.
 */

/** How many of the latest runs are shown while nobody has chosen: enough to compare, few enough to read. */
export const LATEST_SHOWN = 4;

/** The stored choice, or null when there is none (nothing stored, an empty old-style list, or unreadable text). */
export function parseOverlayChoice(text: string | null): string[] | null {
  if (text === null) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  const ids = (list: unknown[]) => list.filter((id): id is string => typeof id === 'string');
  if (Array.isArray(parsed)) return parsed.length > 0 ? ids(parsed) : null;
  if (typeof parsed === 'object' && parsed !== null && Array.isArray((parsed as { ticked?: unknown }).ticked)) {
    return ids((parsed as { ticked: unknown[] }).ticked);
  }
  return null;
}

export function overlayChoiceText(ids: readonly string[]): string {
  return JSON.stringify({ ticked: ids });
}

/** The ids of the latest runs, newest first; `runs` come newest first, as the history keeps them. */
export function latestRunIds(runs: readonly { id: string }[]): string[] {
  return runs.slice(0, LATEST_SHOWN).map((run) => run.id);
}

/**
 * The overlay for the runs in the history: the choice where there is one, limited to runs still there; the latest
 * runs where there is none. A choice whose runs are all gone (deleted elsewhere) chose nothing that is left, so it
 * counts as none rather than as "chose none".
 */
export function resolveOverlay(
  choice: readonly string[] | null,
  runs: readonly { id: string }[],
): { overlay: string[]; chosen: boolean } {
  if (choice !== null) {
    const known = new Set(runs.map((run) => run.id));
    const overlay = [...new Set(choice)].filter((id) => known.has(id));
    if (overlay.length > 0 || choice.length === 0) return { overlay, chosen: true };
  }
  return { overlay: latestRunIds(runs), chosen: false };
}
