// @vitest-environment jsdom
import { beforeAll, describe, expect, it } from 'vitest';

/** The store reads the address when it is first imported, as on a page load. */
async function loadStore() {
  const { useSpectraStore } = await import('./spectraStore');
  const link = await import('../../settings/link');
  return { useSpectraStore, link };
}

describe('the spectra section in the link', () => {
  let loaded: Awaited<ReturnType<typeof loadStore>>;
  beforeAll(async () => {
    window.history.replaceState(null, '', '/?v=2&ss=trained&si=12&sn=4&sc=fixed');
    loaded = await loadStore();
  });

  it('reads the index i, the samples, the colour scale and an explicit source from a shared link', () => {
    const state = loaded.useSpectraStore.getState();
    expect(state).toMatchObject({ topIndex: 12, samples: 4, colourScale: 'fixed', source: 'trained', sourceChosen: true, notices: [] });
    expect(loaded.link.unknownKeysNotice(window.location.search)).toBeNull();
  });

  it('writes the index into the address, apart from the model’s k', () => {
    loaded.useSpectraStore.getState().setTopIndex(40);
    loaded.link.finishEdit();
    const params = new URLSearchParams(window.location.search);
    expect(params.get('si')).toBe('40');
    expect(params.has('k')).toBe(false);
    // The default index is left out, as every default is.
    loaded.useSpectraStore.getState().setTopIndex(8);
    loaded.link.finishEdit();
    expect(new URLSearchParams(window.location.search).has('si')).toBe(false);
  });

  it('writes a fixed colour scale as "sc" and leaves the default fitted one out, one history entry per pick', () => {
    const { setColourScale } = loaded.useSpectraStore.getState();
    const entries = window.history.length;
    setColourScale('fit');
    expect(new URLSearchParams(window.location.search).has('sc')).toBe(false);
    setColourScale('fixed');
    expect(new URLSearchParams(window.location.search).get('sc')).toBe('fixed');
    expect(window.history.length).toBe(entries + 2);
  });

  it('on back and forward takes the address’s values; without "ss" the source is no longer chosen', () => {
    window.history.replaceState(null, '', '/?v=2&si=0');
    window.dispatchEvent(new PopStateEvent('popstate'));
    const state = loaded.useSpectraStore.getState();
    expect(state.topIndex).toBe(1);
    expect(state.colourScale).toBe('fit');
    expect(state.notices).toEqual(['Index i of the top-i share: "0" is out of range 1–8192; clamped to 1.']);
    expect(state).toMatchObject({ source: 'initialised', sourceChosen: false });
  });

  it('marks a source picked in the control as chosen, and writes only a non-default one', () => {
    const { setSource } = loaded.useSpectraStore.getState();
    setSource('trained');
    expect(loaded.useSpectraStore.getState().sourceChosen).toBe(true);
    expect(new URLSearchParams(window.location.search).get('ss')).toBe('trained');
    setSource('initialised');
    expect(loaded.useSpectraStore.getState()).toMatchObject({ source: 'initialised', sourceChosen: true });
    expect(new URLSearchParams(window.location.search).has('ss')).toBe(false);
  });
});
