import { describe, expect, it } from 'vitest';
import { parseLengths } from './parseLengths';

describe('parseLengths', () => {
  it('sorts and deduplicates powers of two', () => {
    expect(parseLengths(' 512, 128,512 ,', 8, 8192)).toEqual({ values: [128, 512] });
  });
  it('names the first bad entry', () => {
    expect(parseLengths('128, 100', 8, 8192)).toEqual({ error: '“100” is not a power of two between 8 and 8192.' });
    expect(parseLengths('16384', 8, 8192)).toHaveProperty('error');
    expect(parseLengths('  ', 8, 8192)).toEqual({ error: 'Enter at least one length, e.g. 128, 256, 512.' });
  });
});
