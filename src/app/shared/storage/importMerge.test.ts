import { describe, expect, it } from 'vitest';
import { importSummary, planImport, sameValue } from './importMerge';

const record = (id: string, accuracy: number) => ({ id, finishedAt: '2026-01-01T00:00:00Z', result: { accuracy } });

/** Ids from a counter, so the expected copies can be named. */
function counterIds() {
  let next = 0;
  return () => `new-${(next += 1)}`;
}

describe('planImport: an import never replaces a stored record', () => {
  it('keeps a record whose id is free as it came', () => {
    const plan = planImport([record('a', 0.5)], [record('b', 0.6)], counterIds());
    expect(plan).toEqual({ records: [record('b', 0.6)], copies: 0, skipped: 0 });
  });

  it('keeps both when a different record has a stored id: the import gets a new id, the stored one stays', () => {
    const stored = [record('a', 0.572)];
    const plan = planImport(stored, [record('a', 0.01)], counterIds());
    expect(plan).toEqual({ records: [record('new-1', 0.01)], copies: 1, skipped: 0 });
    expect(stored).toEqual([record('a', 0.572)]);
  });

  it('skips a record identical to the stored one of its id, whatever the order of its keys', () => {
    const reordered = { result: { accuracy: 0.5 }, finishedAt: '2026-01-01T00:00:00Z', id: 'a' };
    expect(planImport([record('a', 0.5)], [reordered], counterIds())).toEqual({ records: [], copies: 0, skipped: 1 });
  });

  it('treats records of one file the same way, and never hands out an id already taken', () => {
    const ids = ['a', 'a', 'fresh', 'fresh-2'];
    const plan = planImport([record('a', 0.1)], [record('a', 0.2), record('a', 0.2), record('a', 0.3)], () =>
      String(ids.shift()),
    );
    // The first copy was offered "a" twice (taken) before "fresh"; the second 0.2 is the same as that copy.
    expect(plan).toEqual({ records: [record('fresh', 0.2), record('fresh-2', 0.3)], copies: 2, skipped: 1 });
  });

  it('stops, with an error, rather than loop on an id generator that only gives taken ids', () => {
    expect(() => planImport([record('a', 0.1)], [record('a', 0.2)], () => 'a')).toThrow(/new record id/);
  });

  it('gives copies random UUID ids by default', () => {
    const plan = planImport([record('a', 0.1)], [record('a', 0.2)]);
    expect(plan.records[0].id).toMatch(/^copy-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('importSummary', () => {
  it('says how many were imported, kept as copies and skipped', () => {
    expect(importSummary({ records: [1, 2, 3], copies: 2, skipped: 1 }, 'result', 'old.json')).toBe(
      'Imported 3 results from "old.json". Kept both: 2 results have the id of a different stored result and were imported as copies under new ids; nothing stored was replaced. Skipped 1 result identical to one already stored.',
    );
    expect(importSummary({ records: [1], copies: 0, skipped: 0 }, 'run', 'r.json')).toBe(
      'Imported 1 run from "r.json".',
    );
  });
});

describe('sameValue', () => {
  it('compares plain data deeply, ignoring key order and undefined fields', () => {
    expect(sameValue({ a: [1, { b: 2 }], c: undefined }, { a: [1, { b: 2 }] })).toBe(true);
    expect(sameValue({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
    expect(sameValue([1], { 0: 1 })).toBe(false);
    expect(sameValue(NaN, NaN)).toBe(true);
    expect(sameValue(null, {})).toBe(false);
  });
});
