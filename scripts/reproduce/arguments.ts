/** `npm run reproduce` flags: which preset, at which size, how many seeds, on which backend, into which folder. */
import {
  PRESET_SIZES,
  PRESETS,
  presetById,
  DEFAULT_SEEDS,
  type Preset,
  type PresetSize,
} from '../../src/app/features/training/presets';

export type ReproduceBackend = 'auto' | 'wasm' | 'webgpu' | 'cpu';
const BACKENDS: readonly ReproduceBackend[] = ['auto', 'wasm', 'webgpu', 'cpu'];

export interface ReproduceArguments {
  preset: Preset;
  size: PresetSize;
  seeds: number;
  backend: ReproduceBackend;
  out: string;
}

export const USAGE =
  'npm run reproduce -- --preset ID --size quick|claim [--seeds N] [--backend auto|wasm|webgpu|cpu] --out DIR\n' +
  `  presets: ${PRESETS.map((preset) => preset.id).join(', ')}; seeds default ${DEFAULT_SEEDS}; backend default auto (the fastest of those that start)`;

export function parseArguments(argv: readonly string[]): ReproduceArguments {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i += 2) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (!flag.startsWith('--') || value === undefined || value.startsWith('--'))
      throw new Error(`Expected "--flag value", got "${flag}".`);
    values.set(flag.slice(2), value);
  }
  for (const name of values.keys()) {
    if (!['preset', 'size', 'seeds', 'backend', 'out'].includes(name)) throw new Error(`Unknown flag --${name}.`);
  }
  const preset = presetById(values.get('preset') ?? '');
  if (!preset) throw new Error(`--preset must be one of ${PRESETS.map((p) => p.id).join(', ')}.`);
  const size = values.get('size') as PresetSize;
  if (!PRESET_SIZES.includes(size)) throw new Error(`--size must be ${PRESET_SIZES.join(' or ')}.`);
  const seeds = Number(values.get('seeds') ?? DEFAULT_SEEDS);
  if (!Number.isInteger(seeds) || seeds < 1 || seeds > 20)
    throw new Error('--seeds must be a whole number from 1 to 20.');
  const backend = (values.get('backend') ?? 'auto') as ReproduceBackend;
  if (!BACKENDS.includes(backend)) throw new Error(`--backend must be one of ${BACKENDS.join(', ')}.`);
  const out = values.get('out');
  if (!out) throw new Error('--out DIR is required (the run files, figure and verdict are written there).');
  return { preset, size, seeds, backend, out };
}
