/**
 * `npm run export:torch -- --settings 'QUERY' [--steps N] [--backend wasm|cpu] --out DIR`: writes the PyTorch bundle
 * (src/lib/export/README.md) of the experiment whose link has query string QUERY (`?v=2&n=128&…`, or the whole
 * link), after training it N steps headless (0, the default: the initial weights). DIR must be new or empty.
 *
 * The query is read by the app's own link parser and becomes a run exactly as the app builds it (toRunSpec,
 * prepareTrainingRun), on the corpus files `npm run data` prepared; so the bundle is the one the app's
 * "Export for PyTorch" button gives for the same run. A link the parser has to repair is refused, listing the
 * repairs: a bundle for a cluster should be exactly the experiment asked for.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { activateNodeBackend, loadNodeBackends } from '../src/lib/backend/testing/nodeBackends';
import { encodeCorpus } from '../src/lib/data/encodedCorpus';
import { prepareTrainingRun } from '../src/lib/experiments/prepareTrainingRun';
import { exportBundle, type PythonSourceFile } from '../src/lib/export';
import { toRunSpec } from '../src/app/settings/toRunSpec';
import { parseSettings, serializeSettings } from '../src/app/settings/urlState';
import type { ExperimentSettings } from '../src/app/settings/schema';
import { readPreparedBpeTokenizer, readPreparedCorpus } from './reproduce/preparedData';

export const USAGE = "npm run export:torch -- --settings 'QUERY' [--steps N] [--backend wasm|cpu] --out DIR";

export interface ExportArguments {
  settings: ExperimentSettings;
  /** Those settings' canonical link query (the version and every value that differs from its default). */
  query: string;
  steps: number;
  backend: 'wasm' | 'cpu';
  out: string;
}

const PYTHON_DIR = fileURLToPath(new URL('../src/lib/export/python/linformer_lab/', import.meta.url));

/** Reads the flags; throws an Error whose message says what is wrong and how to write it. */
export function parseExportArguments(argv: readonly string[]): ExportArguments {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i += 2) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (!flag.startsWith('--') || value === undefined || (value.startsWith('--') && value !== '--')) {
      throw new Error(`Expected "--flag value", got "${flag}"${value === undefined ? ' without a value' : ''}.`);
    }
    if (!['settings', 'steps', 'backend', 'out'].includes(flag.slice(2))) throw new Error(`Unknown flag ${flag}.`);
    values.set(flag.slice(2), value);
  }
  const raw = values.get('settings');
  if (raw === undefined)
    throw new Error("--settings is required: the experiment link's query string, e.g. '?v=2&n=128'.");
  const query = raw.includes('?') ? raw.slice(raw.indexOf('?')) : raw.includes('=') ? `?${raw}` : null;
  if (query === null)
    throw new Error(`--settings "${raw}" is not a query string; copy the experiment's link (it contains "?v=…").`);
  const { settings, notices } = parseSettings(query);
  if (notices.length > 0) {
    throw new Error(
      `The experiment link needs repairs, so it is not exported as given:\n  ${notices.join('\n  ')}\nFix the link (or open it in the app and copy it again).`,
    );
  }
  const stepsText = values.get('steps') ?? '0';
  const steps = Number(stepsText);
  if (!/^\d+$/.test(stepsText) || !Number.isSafeInteger(steps))
    throw new Error(`--steps must be a whole number ≥ 0 (got "${stepsText}").`);
  if (steps > settings.steps)
    throw new Error(`--steps ${steps} is more than the experiment's ${settings.steps} training steps.`);
  const backend = values.get('backend') ?? 'wasm';
  if (backend !== 'wasm' && backend !== 'cpu') throw new Error(`--backend must be wasm or cpu (got "${backend}").`);
  const out = values.get('out');
  if (!out) throw new Error('--out DIR is required: the directory to write the bundle into (new or empty).');
  return { settings, query: serializeSettings(settings), steps, backend, out: path.resolve(out) };
}

/** Refuses an output path that is a file or a non-empty directory: a bundle never mixes with other files. */
export function checkOutputDirectory(out: string): void {
  if (!fs.existsSync(out)) return;
  if (!fs.statSync(out).isDirectory()) throw new Error(`--out ${out} is a file, not a directory.`);
  const entries = fs.readdirSync(out);
  if (entries.length > 0)
    throw new Error(
      `--out ${out} is not empty (${entries.slice(0, 3).join(', ')}${entries.length > 3 ? ', …' : ''}): choose a new directory.`,
    );
}

/** The Python package as it is in the source tree (compiled caches left out). */
export function readPythonPackage(dir = PYTHON_DIR): PythonSourceFile[] {
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((name) => name.endsWith('.py')) : [];
  if (files.length === 0) throw new Error(`${dir} has no .py files: the Python package linformer_lab is missing.`);
  return files.sort().map((name) => ({ name, text: fs.readFileSync(path.join(dir, name), 'utf8') }));
}

async function main(): Promise<void> {
  const args = parseExportArguments(process.argv.slice(2));
  checkOutputDirectory(args.out);
  const python = readPythonPackage();
  await loadNodeBackends([args.backend]);
  await activateNodeBackend(args.backend);

  const spec = toRunSpec(args.settings);
  const text = readPreparedCorpus(spec.corpus);
  const corpus = encodeCorpus(
    spec.corpus,
    text,
    spec.tokenizer === 'bpe512' ? readPreparedBpeTokenizer(spec.corpus) : undefined,
  );
  const { model, trainer, info } = prepareTrainingRun(corpus, spec);
  try {
    console.log(
      `${spec.corpus} (${spec.tokenizer ?? 'char'}, vocabulary ${info.vocabSize}), ${info.parameters.total.toLocaleString('en')} weights, on ${args.backend}.`,
    );
    const started = performance.now();
    for (let step = 1; step <= args.steps; step++) {
      const report = await trainer.step();
      if (step === args.steps || step % Math.max(1, Math.round(args.steps / 10)) === 0) {
        const seconds = (performance.now() - started) / 1000;
        const left = (seconds / step) * (args.steps - step);
        console.log(
          `step ${step}/${args.steps}: loss ${report.loss.toFixed(3)}${step < args.steps ? `, about ${left.toFixed(0)} s left` : ''}`,
        );
      }
    }
    const version = (
      JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
    ).version;
    const files = await exportBundle({
      spec,
      settingsQuery: args.query,
      createdBy: `Linformer Lab ${version} (npm run export:torch)`,
      corpusText: text,
      corpus,
      model,
      steps: args.steps,
      python,
    });
    for (const file of files) {
      const target = path.join(args.out, ...file.path.split('/'));
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, file.bytes);
    }
    const bytes = files.reduce((sum, file) => sum + file.bytes.length, 0);
    console.log(`Wrote ${files.length} files (${(bytes / 1e6).toFixed(1)} MB) to ${args.out}.`);
    console.log(
      `Next: cd ${args.out} && python3 -m linformer_lab.check . && torchrun --standalone --nproc_per_node=2 -m linformer_lab.train .`,
    );
  } finally {
    trainer.dispose();
    model.dispose();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    console.error(`Usage: ${USAGE}`);
    process.exit(1);
  });
}
