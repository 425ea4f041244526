import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  checkValue,
  listEntries,
  nestingDepth,
  oneOf,
  readValidatedFile,
  versionedFile,
  wholeFile,
  withListLimits,
} from './validatedFile';

const point = z.object({
  step: z.number().int().nonnegative(),
  loss: z.number().finite().nonnegative(),
  kind: oneOf(['train', 'dev']),
});

const thing = z
  .object({
    name: z.string().max(10),
    size: z.number().int().min(1).max(100),
    ratio: z.number().positive().optional(),
    tags: z.array(z.string()).max(2),
    points: z.array(point),
    extra: z.object({ flag: z.boolean() }).strict().optional(),
    day: z.string().refine((text) => !Number.isNaN(Date.parse(text)), 'is not a date'),
  })
  .superRefine((value, ctx) => {
    if (value.name === 'clash') ctx.addIssue({ code: 'custom', message: 'The name clashes with another thing.' });
  })
  .transform((value) => ({ ...value, label: `${value.name} (${value.size})` }));

const good = {
  name: 'box',
  size: 3,
  tags: ['a'],
  points: [{ step: 0, loss: 1, kind: 'train' }],
  day: '2025-01-02',
};

const format = {
  kind: 'thing file',
  maxChars: 1000,
  schema: versionedFile({ format: 'thing', version: 2, kind: 'thing file', description: 'a thing file' }, thing),
  locate: listEntries('points', (i) => `Point ${i + 1} of the thing: `, wholeFile('thing file')),
};

const read = (value: unknown) =>
  readValidatedFile(JSON.stringify({ format: 'thing', formatVersion: 2, ...(value as object) }), format);

function refusal(value: unknown): string {
  const result = read(value);
  if (result.ok) throw new Error('expected a refusal');
  return result.error;
}

describe('validated files', () => {
  it('return the checked (and transformed) value, without the fields the schema does not name', () => {
    const result = read({ ...good, unknownField: 1 });
    expect(result).toEqual({ ok: true, value: { ...good, label: 'box (3)' } });
  });

  it('refuse text that is too long before parsing it, and text that is not JSON', () => {
    expect(readValidatedFile(' '.repeat(1001), format)).toEqual({
      ok: false,
      error: 'The file is too large to be a thing file.',
    });
    expect(readValidatedFile('{"format": ', format)).toEqual({ ok: false, error: 'The file is not valid JSON.' });
  });

  it('refuse another format or version as a whole, before any field', () => {
    const text = (value: unknown) => {
      const result = readValidatedFile(JSON.stringify(value), format);
      return result.ok ? 'accepted' : result.error;
    };
    expect(text([1, 2])).toBe('This is not a thing file (its "format" is not "thing").');
    expect(text({ format: 'other', size: 'x' })).toBe('This is not a thing file (its "format" is not "thing").');
    expect(text({ format: 'thing', formatVersion: 3 })).toBe('This thing file has format version 3; this app reads 2.');
    expect(text({ format: 'thing', formatVersion: '\u0007nine\n'.repeat(10) })).toBe(
      'This thing file has format version nineninenineninenine; this app reads 2.',
    );
    expect(text({ format: 'thing' })).toContain('format version undefined');
  });

  it('name the field path and say what is wrong in words', () => {
    const cases: [unknown, string][] = [
      [{ ...good, size: undefined }, 'In the thing file, "size" is missing.'],
      [{ ...good, size: '3' }, 'In the thing file, "size" must be a number, not text.'],
      [{ ...good, size: null }, 'In the thing file, "size" must be a number, not null.'],
      [{ ...good, size: 2.5 }, 'In the thing file, "size" must be a whole number (it is 2.5).'],
      [{ ...good, size: 0 }, 'In the thing file, "size" must be at least 1 (it is 0).'],
      [{ ...good, size: 1e9 }, 'In the thing file, "size" must be at most 100 (it is 1000000000).'],
      [{ ...good, ratio: 0 }, 'In the thing file, "ratio" must be a positive number (it is 0).'],
      [{ ...good, name: 'a very long name' }, 'In the thing file, "name" must be at most 10 characters long'],
      [{ ...good, tags: 'a' }, 'In the thing file, "tags" must be a list, not text.'],
      [{ ...good, tags: ['a', 'b', 'c'] }, 'In the thing file, "tags" must have at most 2 entries.'],
      [{ ...good, tags: ['a', 7] }, 'In the thing file, "tags[1]" must be text, not a number.'],
      [{ ...good, extra: { flag: 'yes' } }, 'In the thing file, "extra.flag" must be true or false, not text.'],
      [{ ...good, extra: { flag: true, evil: 1 } }, 'In the thing file, "extra" has unknown fields: evil.'],
      [{ ...good, day: 'yesterday' }, 'In the thing file, "day" is not a date (it is "yesterday").'],
      [{ ...good, name: 'clash' }, 'The name clashes with another thing.'],
    ];
    for (const [value, message] of cases) expect(refusal(value)).toContain(message);
  });

  it('name the record an entry of a list is, and the field inside it', () => {
    const points = (...list: unknown[]) => ({ ...good, points: list });
    const ok = { step: 0, loss: 1, kind: 'train' };
    expect(refusal(points(ok, { ...ok, loss: -1 }))).toBe(
      'Point 2 of the thing: "loss" must not be negative (it is -1).',
    );
    expect(refusal(points(ok, 5))).toBe('Point 2 of the thing: it must be an object, not a number.');
    expect(refusal(points({ ...ok, kind: 'test' }))).toBe(
      'Point 1 of the thing: "kind" must be one of train, dev (it is "test").',
    );
    expect(refusal({ ...good, points: {} })).toBe('In the thing file, "points" must be a list, not an object.');
  });

  it('report the first problem only, in the order of the schema', () => {
    expect(refusal({ ...good, name: 5, size: 'x' })).toBe('In the thing file, "name" must be text, not a number.');
  });

  it('quote found text harmlessly: control characters stripped, long values cut', () => {
    const error = refusal({
      ...good,
      points: [{ step: 0, loss: 1, kind: `<img src=x onerror=alert(1)>\n\u0000${'x'.repeat(50)}` }],
    });
    expect(error).toBe(
      'Point 1 of the thing: "kind" must be one of train, dev (it is "<img src=x onerror=alert(1)>xxxx…").',
    );
    expect(refusal({ ...good, extra: { flag: true, a: 1, b: 2, c: 3, d: 4, e: 5, f: 6 } })).toContain(
      'has unknown fields: a, b, c, d, e…',
    );
  });

  it('turn a schema that throws into one message, without a stack', () => {
    const throwing = z.unknown().transform(() => {
      throw new Error('boom');
    });
    const result = readValidatedFile('{}', { kind: 'thing file', maxChars: 100, schema: throwing });
    expect(result).toEqual({ ok: false, error: 'The thing file could not be read: boom' });
  });

  it('check values already in memory, the whole value being the record', () => {
    expect(checkValue({ step: 1, loss: 0, kind: 'dev' }, point)).toEqual({
      ok: true,
      value: { step: 1, loss: 0, kind: 'dev' },
    });
    expect(checkValue(null, point)).toEqual({ ok: false, error: 'It must be an object, not null.' });
    expect(checkValue({ step: -1, loss: 0, kind: 'dev' }, point)).toEqual({
      ok: false,
      error: '"step" must not be negative (it is -1).',
    });
  });

  it('count nesting depth without recursion, stopping once past the limit', () => {
    expect(nestingDepth(3)).toBe(0);
    expect(nestingDepth({ a: [1, { b: [] }] })).toBe(4);
    const deep = JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`) as unknown;
    expect(nestingDepth(deep, 16)).toBe(17);
  });

  it('refuse a list longer than its limit before reading its entries, with the sentence given', () => {
    let read = 0;
    const counted = z.object({ points: z.array(z.unknown().refine(() => (read += 1) > 0)) });
    const limited = withListLimits([{ path: ['points'], max: 2, message: (n) => `The file holds ${n} points.` }], counted);
    expect(checkValue({ points: [1, 2, 3] }, limited)).toEqual({ ok: false, error: 'The file holds 3 points.' });
    expect(read).toBe(0);
    expect(checkValue({ points: [1, 2] }, limited).ok).toBe(true);
  });
});
