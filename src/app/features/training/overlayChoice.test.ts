import { describe, expect, it } from 'vitest';
import { LATEST_SHOWN, latestRunIds, overlayChoiceText, parseOverlayChoice, resolveOverlay } from './overlayChoice';

/** Runs newest first, as the history keeps them: r6 is the newest. */
const runs = ['r6', 'r5', 'r4', 'r3', 'r2', 'r1'].map((id) => ({ id }));

describe('the overlay choice', () => {
  it('tells "never chose" (null) from "chose none" ([]), and reads old bare lists', () => {
    expect(parseOverlayChoice(null)).toBeNull();
    expect(parseOverlayChoice(overlayChoiceText([]))).toEqual([]);
    expect(parseOverlayChoice(overlayChoiceText(['r2', 'r5']))).toEqual(['r2', 'r5']);
    // Older versions wrote a bare list on every delete too: an empty one is no choice, a non-empty one is.
    expect(parseOverlayChoice('[]')).toBeNull();
    expect(parseOverlayChoice('["r1", 3]')).toEqual(['r1']);
    // Unreadable or foreign text is no choice.
    expect(parseOverlayChoice('{')).toBeNull();
    expect(parseOverlayChoice('{"ticked": "r1"}')).toBeNull();
    expect(parseOverlayChoice('7')).toBeNull();
  });

  it('shows the latest runs, up to four, newest first, while nobody has chosen', () => {
    expect(LATEST_SHOWN).toBe(4);
    expect(latestRunIds(runs)).toEqual(['r6', 'r5', 'r4', 'r3']);
    expect(latestRunIds(runs.slice(4))).toEqual(['r2', 'r1']);
    expect(resolveOverlay(null, runs)).toEqual({ overlay: ['r6', 'r5', 'r4', 'r3'], chosen: false });
    expect(resolveOverlay(null, [])).toEqual({ overlay: [], chosen: false });
  });

  it('keeps a choice, even an empty one, limited to runs still in the history', () => {
    expect(resolveOverlay([], runs)).toEqual({ overlay: [], chosen: true });
    expect(resolveOverlay(['r1', 'gone', 'r1'], runs)).toEqual({ overlay: ['r1'], chosen: true });
    // Every run it named is gone: nothing chosen is left, so the latest runs are shown.
    expect(resolveOverlay(['gone'], runs)).toEqual({ overlay: ['r6', 'r5', 'r4', 'r3'], chosen: false });
  });
});
