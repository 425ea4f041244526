import { describe, expect, it } from 'vitest';
import {
  MISSING_TEXT,
  formatBytes,
  formatCompact,
  formatCount,
  formatDuration,
  formatMs,
  formatPercent,
  formatTick,
  formatterFor,
  timeAxisUnit,
} from './format';

/** Reads the compact form back into a number (the inverse the reader does in their head). */
function parseCompact(text: string): number {
  const match = /^(−?)([\d.]+(?:e-?\d+)?)([kMGTPE]?)$/.exec(text);
  if (!match) throw new Error(`not a compact number: ${text}`);
  const power = { '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 }[match[3]] ?? 0;
  return (match[1] ? -1 : 1) * Number(match[2]) * 10 ** power;
}

describe('formatCompact', () => {
  it('uses SI prefixes for large values and plain digits in between', () => {
    expect(formatCompact(1234)).toBe('1.23k');
    expect(formatCompact(250_000)).toBe('250k');
    expect(formatCompact(1e9)).toBe('1G');
    expect(formatCompact(35.24)).toBe('35.2');
    expect(formatCompact(0.0123)).toBe('0.0123');
    expect(formatCompact(512)).toBe('512');
    expect(formatCompact(2)).toBe('2');
  });

  it('rounds before choosing the prefix, so 999.96 reads 1k', () => {
    expect(formatCompact(999.96)).toBe('1k');
    expect(formatCompact(999_960)).toBe('1M');
  });

  it('switches to exponent form below 1e-3, with a typographic minus for negatives', () => {
    expect(formatCompact(0.00012)).toBe('1.2e-4');
    expect(formatCompact(-1500)).toBe('−1.5k');
    expect(formatCompact(-0.5)).toBe('−0.5');
  });

  it('names non-finite values', () => {
    expect(formatCompact(NaN)).toBe('—');
    expect(formatCompact(Infinity)).toBe('∞');
    expect(formatCompact(-Infinity)).toBe('−∞');
    expect(formatCompact(0)).toBe('0');
  });

  it('reads back within the rounding of 3 significant digits across 24 decades', () => {
    for (let e = -9; e <= 15; e += 0.37) {
      for (const sign of [1, -1]) {
        const value = sign * 10 ** e * 1.2345;
        const back = parseCompact(formatCompact(value));
        expect(Math.abs(back - value) / Math.abs(value)).toBeLessThanOrEqual(5e-3);
      }
    }
  });
});

describe('formatBytes', () => {
  it('uses IEC units with a 1024 base', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(3 * 2 ** 30)).toBe('3 GiB');
    expect(formatBytes(1000 * 1024)).toBe('1000 KiB');
    expect(formatBytes(5.5 * 2 ** 40)).toBe('5.5 TiB');
  });

  it('rolls over when rounding reaches the next unit', () => {
    expect(formatBytes(2 ** 20 - 1)).toBe('1 MiB');
    expect(formatBytes(1023.7)).toBe('1 KiB');
  });

  it('handles non-finite input', () => {
    expect(formatBytes(NaN)).toBe('—');
  });
});

describe('formatMs', () => {
  it('picks the unit that keeps the value readable', () => {
    expect(formatMs(0.00042)).toBe('420 ns');
    expect(formatMs(0.85)).toBe('850 µs');
    expect(formatMs(12.34)).toBe('12.3 ms');
    expect(formatMs(1234)).toBe('1.23 s');
    expect(formatMs(90_000)).toBe('1.5 min');
    expect(formatMs(7.2e6)).toBe('2 h');
    expect(formatMs(0)).toBe('0 ms');
  });

  it('rounds up across unit boundaries', () => {
    expect(formatMs(999.96)).toBe('1 s');
    expect(formatMs(0.9999)).toBe('1 ms');
  });
});

describe('formatDuration', () => {
  it('shows seconds below a minute, rounded to whole seconds', () => {
    expect(formatDuration(0)).toBe('0 s');
    expect(formatDuration(0.4)).toBe('0 s');
    expect(formatDuration(42)).toBe('42 s');
  });

  it('rounds before splitting into minutes and seconds, so no part reads 60', () => {
    expect(formatDuration(59.6)).toBe('1 min 0 s');
    expect(formatDuration(60)).toBe('1 min 0 s');
    expect(formatDuration(119.6)).toBe('2 min 0 s');
    expect(formatDuration(185)).toBe('3 min 5 s');
    expect(formatDuration(3599)).toBe('59 min 59 s');
  });

  it('shows hours and whole minutes from an hour on', () => {
    expect(formatDuration(3599.5)).toBe('1 h 0 min');
    expect(formatDuration(3600)).toBe('1 h 0 min');
    expect(formatDuration(7322)).toBe('2 h 2 min');
    expect(formatDuration(7199)).toBe('2 h 0 min');
  });

  it('shows the missing-value mark for negative and non-finite input', () => {
    for (const seconds of [-1, -0.2, NaN, Infinity, -Infinity]) expect(formatDuration(seconds)).toBe(MISSING_TEXT);
  });
});

describe('the missing-value mark', () => {
  it('is the em dash, and every formatter shows it for NaN', () => {
    expect(MISSING_TEXT).toBe('—');
    for (const format of [formatCompact, formatBytes, formatMs, formatPercent, formatTick, formatDuration])
      expect(format(NaN)).toBe(MISSING_TEXT);
  });
});

describe('formatPercent and formatterFor', () => {
  it('formats fractions as percentages', () => {
    expect(formatPercent(0.1234)).toBe('12.3%');
    expect(formatPercent(1)).toBe('100%');
  });

  it('maps names to the formatters and passes functions through', () => {
    expect(formatterFor('bytes')(2048)).toBe('2 KiB');
    expect(formatterFor('ms')(1500)).toBe('1.5 s');
    expect(formatterFor('compact')(1500)).toBe('1.5k');
    expect(formatterFor(undefined)(1500)).toBe('1500');
    const custom = (v: number) => `<${v}>`;
    expect(formatterFor(custom)).toBe(custom);
  });
});

describe('formatTick', () => {
  it('keeps whole numbers below 10 000 whole and compacts the rest', () => {
    expect([128, 1024, 4096, 2500, -300, 0].map(formatTick)).toEqual(['128', '1024', '4096', '2500', '−300', '0']);
    expect([10_000, 250_000, 0.25, 1024.5].map(formatTick)).toEqual(['10k', '250k', '0.25', '1.02k']);
  });
});

describe('formatCount', () => {
  it('says one of a thing in the singular and every other count in the plural', () => {
    expect(formatCount(1, 'layer')).toBe('1 layer');
    expect(formatCount(2, 'layer')).toBe('2 layers');
    expect(formatCount(0, 'run')).toBe('0 runs');
    expect(formatCount(1, 'batch', 'batches')).toBe('1 batch');
    expect(formatCount(3, 'batch', 'batches')).toBe('3 batches');
  });
});

describe('timeAxisUnit', () => {
  it('reads an axis in ms below 2 s, with plain numbers (the unit is in the title)', () => {
    const { unit, format } = timeAxisUnit(1999);
    expect(unit).toBe('ms');
    expect([0.25, 5, 12.34, 1000, 1523.4].map(format)).toEqual(['0.25', '5', '12.3', '1000', '1523']);
  });

  it('reads an axis in seconds from 2 s, every tick in seconds', () => {
    const { unit, format } = timeAxisUnit(5000);
    expect(unit).toBe('s');
    expect([500, 1000, 2000, 5000, 12_345].map(format)).toEqual(['0.5', '1', '2', '5', '12.3']);
  });

  it('falls back to ms for an axis without data', () => {
    expect(timeAxisUnit(NaN).unit).toBe('ms');
    expect(timeAxisUnit(-Infinity).unit).toBe('ms');
  });
});
