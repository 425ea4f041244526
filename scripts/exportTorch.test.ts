import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkOutputDirectory, parseExportArguments, readPythonPackage } from './export-torch';

describe('npm run export:torch arguments', () => {
  it('reads the experiment link with the app’s own parser: a query string or a whole link', () => {
    const args = parseExportArguments([
      '--settings',
      'http://localhost:5173/?v=2&n=64&a=standard&L=3',
      '--steps',
      '5',
      '--out',
      'bundle',
    ]);
    expect(args.settings).toMatchObject({ seqLen: 64, attention: 'standard', layers: 3 });
    expect(args.query).toBe('?v=2&a=standard&n=64&L=3');
    expect(args.steps).toBe(5);
    expect(args.backend).toBe('wasm');
    expect(args.out).toBe(path.resolve('bundle'));
    expect(parseExportArguments(['--settings', 'v=2&n=64', '--out', 'x']).steps).toBe(0);
  });

  it('refuses a link the parser would have to repair, listing the repairs', () => {
    expect(() => parseExportArguments(['--settings', '?v=2&n=64&attention=linformer', '--out', 'x'])).toThrow(
      /needs repairs[\s\S]*Ignored unknown setting "attention"/,
    );
    expect(() => parseExportArguments(['--settings', '?v=2&n=lots', '--out', 'x'])).toThrow(/needs repairs/);
  });

  it('says what is wrong with the other flags', () => {
    expect(() => parseExportArguments(['--out', 'x'])).toThrow(/--settings is required/);
    expect(() => parseExportArguments(['--settings', 'hello', '--out', 'x'])).toThrow(/"hello" is not a query string/);
    expect(() => parseExportArguments(['--settings', '?v=2', '--steps', '-1', '--out', 'x'])).toThrow(
      /--steps must be a whole number ≥ 0 \(got "-1"\)/,
    );
    expect(() => parseExportArguments(['--settings', '?v=2&s=100', '--steps', '101', '--out', 'x'])).toThrow(
      /more than the experiment's 100 training steps/,
    );
    expect(() => parseExportArguments(['--settings', '?v=2'])).toThrow(/--out DIR is required/);
    expect(() => parseExportArguments(['--settings', '?v=2', '--out', 'x', '--backend', 'webgpu'])).toThrow(
      /--backend must be wasm or cpu/,
    );
    expect(() => parseExportArguments(['--settings', '?v=2', '--out', 'x', '--seed', '3'])).toThrow(
      /Unknown flag --seed/,
    );
    expect(() => parseExportArguments(['--settings'])).toThrow(/without a value/);
  });

  it('writes only into a new or empty directory', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'export-torch-'));
    try {
      expect(() => checkOutputDirectory(path.join(dir, 'new'))).not.toThrow();
      expect(() => checkOutputDirectory(dir)).not.toThrow();
      fs.writeFileSync(path.join(dir, 'notes.txt'), 'x');
      expect(() => checkOutputDirectory(dir)).toThrow(/is not empty \(notes.txt\)/);
      expect(() => checkOutputDirectory(path.join(dir, 'notes.txt'))).toThrow(/is a file, not a directory/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('copies the Python package from the source tree, and says so when it is missing', () => {
    const files = readPythonPackage();
    expect(files.map((file) => file.name)).toEqual(expect.arrayContaining(['model.py', 'train.py', 'check.py']));
    expect(files.every((file) => file.name.endsWith('.py'))).toBe(true);
    expect(() => readPythonPackage(path.join(os.tmpdir(), 'no-such-package'))).toThrow(/has no .py files/);
  });
});
