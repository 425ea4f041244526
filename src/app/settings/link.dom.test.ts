// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import { currentQuery, finishEdit, registerLinkSection, unknownKeysNotice, writeLink } from './link';
import type { FieldSpec } from './schema';

/** A section of two settings, registered once for the whole file (as stores do at import). */
const FIELDS = [
  { name: 'size', key: 'tz', label: 'Size', help: 'A test size.', type: 'int', default: 4, min: 1, max: 64 },
  { name: 'mode', key: 'tm', label: 'Mode', help: 'A test mode.', type: 'choice', default: 'a', choices: ['a', 'b'] },
] as const satisfies readonly FieldSpec[];
const state = { size: 4, mode: 'a', restored: [] as string[] };
registerLinkSection({
  name: 'test section',
  fields: FIELDS,
  values: () => ({ size: state.size, mode: state.mode }),
  restore: (values, notices) => {
    Object.assign(state, values);
    state.restored.push(...notices);
  },
});

describe('the one link writer', () => {
  beforeEach(() => {
    window.history.replaceState(null, '', '/?backend=cpu');
    finishEdit();
    Object.assign(state, { size: 4, mode: 'a', restored: [] });
  });

  it('writes the version, the page keys and only non-default values', () => {
    state.size = 16;
    expect(currentQuery()).toBe('?v=2&backend=cpu&tz=16');
  });

  it('makes one history entry per finished edit: a drag pushes once, then replaces', () => {
    const before = window.history.length;
    for (const size of [8, 16, 32]) {
      state.size = size;
      writeLink('edit');
    }
    expect(window.history.length).toBe(before + 1);
    expect(window.location.search).toBe('?v=2&backend=cpu&tz=32');
    finishEdit();
    state.mode = 'b';
    writeLink('edit');
    expect(window.history.length).toBe(before + 2);
    // Nothing changed: no entry.
    writeLink('edit');
    expect(window.history.length).toBe(before + 2);
    // A run started: an entry even when nothing changed.
    writeLink('push');
    expect(window.history.length).toBe(before + 3);
  });

  it('hands every section its values from the address on back and forward, with the repairs named', () => {
    window.history.replaceState(null, '', '/?v=1&tz=999&tm=b');
    window.dispatchEvent(new PopStateEvent('popstate'));
    expect(state.size).toBe(64);
    expect(state.mode).toBe('b');
    expect(state.restored).toEqual(['Size: "999" is out of range 1–64; clamped to 64.']);
  });

  it('names keys no section reads, and only those', () => {
    expect(unknownKeysNotice('?v=1&backend=cpu&tz=8')).toBeNull();
    expect(unknownKeysNotice('?tz=8&zz=1&yy=2')).toBe('Ignored unknown settings "zz", "yy".');
  });
});
