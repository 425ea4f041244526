import { describe, expect, it } from 'vitest';
import { parseSettings, serializeSettings } from './urlState';
import { EXPERIMENT_FIELDS, defaultSettings, type ExperimentSettings } from './schema';

describe('experiment URL state', () => {
  it('an empty query gives the defaults and no notices', () => {
    expect(parseSettings('')).toEqual({ settings: defaultSettings(), notices: [] });
  });

  it('serialises only non-default values plus the schema version, and reads them back exactly', () => {
    const settings: ExperimentSettings = {
      ...defaultSettings(),
      seqLen: 512,
      k: 64,
      attention: 'standard',
      learningRate: 0.0005,
      kPerLayer: [64, 32],
    };
    const query = serializeSettings(settings);
    expect(query).toBe('?v=2&a=standard&n=512&k=64&kl=64%2C32&lr=0.0005');
    expect(parseSettings(query)).toEqual({ settings, notices: [] });
  });

  it('round-trips every field set to its maximum', () => {
    const settings = defaultSettings() as Record<string, unknown>;
    for (const field of EXPERIMENT_FIELDS) {
      if (field.type === 'choice') settings[field.name] = field.choices[field.choices.length - 1];
      else if (field.type === 'intList') settings[field.name] = Array.from({ length: field.maxLength }, () => 16);
      else settings[field.name] = field.max;
    }
    const parsed = parseSettings(serializeSettings(settings as ExperimentSettings));
    expect(parsed.notices).toEqual([]);
    expect(parsed.settings).toEqual(settings);
  });

  it('clamps out-of-range numbers and says so', () => {
    const { settings, notices } = parseSettings('?n=1000000&L=0');
    expect(settings.seqLen).toBe(8192);
    expect(settings.layers).toBe(1);
    expect(notices).toEqual([
      'Sequence length n: "1000000" is out of range 8–8192; clamped to 8192.',
      'Layers: "0" is out of range 1–24; clamped to 1.',
    ]);
  });

  it('drops non-numeric, fractional and unknown values, keeping defaults', () => {
    const { settings, notices } = parseSettings('?n=abc&h=2.5&a=quadratic&zzz=1&L=');
    expect(settings).toEqual(defaultSettings());
    expect(notices).toHaveLength(5);
    expect(notices[0]).toBe('Sequence length n: ignored "abc" (not a number); using 128.');
    expect(notices[1]).toContain('not a whole number');
    expect(notices[2]).toContain('expected one of standard, linformer');
    expect(notices[3]).toContain('Layers: ignored "" (empty)');
    expect(notices[4]).toBe('Ignored unknown setting "zzz".');
  });

  it('reads a key given twice from its last occurrence, and the notice names both values and the one used', () => {
    const { settings, notices } = parseSettings('?n=64&n=256');
    expect(settings.seqLen).toBe(256);
    expect(notices).toEqual(['Sequence length n: the link gives "n" 2 times ("64", "256"); only the last, "256", was read.']);
    // A repair of an earlier occurrence would be untrue: only the last one is checked (and its repair said).
    expect(parseSettings('?n=99999&n=64').notices).toEqual([
      'Sequence length n: the link gives "n" 2 times ("99999", "64"); only the last, "64", was read.',
    ]);
    expect(parseSettings('?n=64&n=99999').settings.seqLen).toBe(8192);
  });

  it.each(['0x40', '1e1', ' 64', '64 ', '0b1000000', '0o100', '6_4'])(
    'refuses the integer %j, which Number() would read, and keeps the default',
    (raw) => {
      const { settings, notices } = parseSettings(`?n=${encodeURIComponent(raw)}`);
      expect(settings.seqLen).toBe(defaultSettings().seqLen);
      expect(notices).toHaveLength(1);
      expect(notices[0]).toMatch(/^Sequence length n: ignored ".*" \((write whole numbers in plain decimal digits|not a number)\); using 128\.$/);
    },
  );

  it('refuses hexadecimal and exponent forms inside a k-per-layer list', () => {
    const { settings, notices } = parseSettings('?L=2&kl=0x10,16');
    expect(settings.kPerLayer).toEqual([]);
    expect(notices[0]).toContain('k per layer');
    expect(parseSettings('?L=2&kl=1e1,16').settings.kPerLayer).toEqual([]);
    expect(parseSettings('?L=2&kl=16, 8').settings.kPerLayer).toEqual([16, 8]);
  });

  it('reads plain decimal and exponent forms of a fractional setting, but not hexadecimal', () => {
    expect(parseSettings('?lr=5e-4').settings.learningRate).toBe(0.0005);
    expect(parseSettings('?lr=0.0005').settings.learningRate).toBe(0.0005);
    const hex = parseSettings('?lr=0x1');
    expect(hex.settings.learningRate).toBe(defaultSettings().learningRate);
    expect(hex.notices[0]).toContain('write numbers in plain decimal');
  });

  it('never lets k exceed n', () => {
    const { settings, notices } = parseSettings('?n=64&k=256');
    expect(settings.k).toBe(64);
    expect(notices).toEqual(['k (256) cannot exceed n (64); set k to 64.']);
  });

  it('drops a per-layer k list of the wrong length', () => {
    const { settings, notices } = parseSettings('?L=3&kl=8,8');
    expect(settings.kPerLayer).toEqual([]);
    expect(notices[0]).toContain('lists 2 values for 3 layers');
  });

  it('keeps markup in hostile values as inert text, shortened', () => {
    const hostile = '<img src=x onerror=alert(1)>'.repeat(3);
    const { settings, notices } = parseSettings(
      `?a=${encodeURIComponent(hostile)}&${encodeURIComponent('<script>')}=1`,
    );
    expect(settings.attention).toBe('linformer');
    expect(notices[0]).toContain('"<img src=x onerror=alert(1)><img…"');
    expect(notices[1]).toBe('Ignored unknown setting "<script>".');
  });

  it('leaves page-level keys such as backend alone', () => {
    expect(parseSettings('?backend=cpu&n=256').notices).toEqual([]);
  });

  it('warns about a link from another schema version', () => {
    expect(parseSettings('?v=99').notices[0]).toContain('version "99"');
  });

  it('reads a version-1 link, made before the projection init was a setting, as N(0, 1/k), without a notice', () => {
    expect(parseSettings('?v=1&n=64')).toEqual({ settings: { ...defaultSettings(), seqLen: 64, projectionInit: 'normal' }, notices: [] });
    expect(parseSettings('?v=1&pi=xavier').settings.projectionInit).toBe('xavier');
    // A current link (or none) uses the default, Xavier, and writes only what differs from it.
    expect(parseSettings('?v=2').settings.projectionInit).toBe('xavier');
    expect(serializeSettings({ ...defaultSettings(), projectionInit: 'normal' })).toBe('?v=2&pi=normal');
  });

  it('reads a link without a tokenizer as characters (every run was, before subwords), and writes BPE as tk', () => {
    expect(parseSettings('?v=1').settings.tokenizer).toBe('char');
    expect(parseSettings('?v=2&tk=bpe512').settings.tokenizer).toBe('bpe512');
    expect(serializeSettings({ ...defaultSettings(), tokenizer: 'bpe512' })).toBe('?v=2&tk=bpe512');
  });
});
