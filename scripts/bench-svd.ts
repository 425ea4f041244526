/**
 * Times `singularValues` (plain JS, float64, one thread) on random and attention-like matrices, and puts
 * it next to LAPACK: numpy's np.linalg.svd(A, compute_uv=False) timed on the same 512×512 matrices when
 * numpy is installed, else the 26 ms quoted for this machine in the browser notes.
 *
 * Run: npx tsx scripts/bench-svd.ts
 */

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { singularValues } from '../src/lib/numerics/singularValues';
import { createRng, type Rng } from '../src/lib/random';

/** np.linalg.svd(A, compute_uv=False) on a random 512×512 float64 matrix, as quoted for this machine. */
const QUOTED_LAPACK_512_MS = 26;

interface BenchCase {
  name: string;
  rows: number;
  cols: number;
  data: Float64Array;
  runs: number;
}

function gaussian(rows: number, cols: number, rng: Rng): Float64Array {
  return Float64Array.from({ length: rows * cols }, () => rng.normal());
}

/**
 * softmax(Q·Kᵀ/√d) row by row for random Q (n×d) and K (keys×d): the shape of an attention matrix.
 * With keys < n it is the n×k context-mapping matrix of Linformer.
 */
function attentionLike(n: number, keys: number, d: number, rng: Rng): Float64Array {
  const q = gaussian(n, d, rng);
  const k = gaussian(keys, d, rng);
  const p = new Float64Array(n * keys);
  const scale = 1 / Math.sqrt(d);
  for (let i = 0; i < n; i++) {
    let max = -Infinity;
    for (let j = 0; j < keys; j++) {
      let dot = 0;
      for (let t = 0; t < d; t++) dot += q[i * d + t] * k[j * d + t];
      p[i * keys + j] = dot * scale;
      max = Math.max(max, dot * scale);
    }
    let sum = 0;
    for (let j = 0; j < keys; j++) {
      const e = Math.exp(p[i * keys + j] - max);
      p[i * keys + j] = e;
      sum += e;
    }
    for (let j = 0; j < keys; j++) p[i * keys + j] /= sum;
  }
  return p;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Median and minimum wall time over `runs` timed calls, after one untimed warm-up call. */
function timeSingularValues({ data, rows, cols, runs }: BenchCase): { medianMs: number; minMs: number; sigma: Float64Array } {
  let sigma = singularValues(data, rows, cols);
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const start = performance.now();
    sigma = singularValues(data, rows, cols);
    times.push(performance.now() - start);
  }
  return { medianMs: median(times), minMs: Math.min(...times), sigma };
}

const NUMPY_SCRIPT = `
import json, sys, time
import numpy as np
a = np.fromfile(sys.argv[1], dtype='<f8').reshape(int(sys.argv[2]), int(sys.argv[3]))
np.linalg.svd(a, compute_uv=False)
times = []
for _ in range(9):
    start = time.perf_counter()
    s = np.linalg.svd(a, compute_uv=False)
    times.append((time.perf_counter() - start) * 1000)
print(json.dumps({"medianMs": float(np.median(times)), "minMs": min(times), "sigma": s.tolist()}))
`;

interface NumpyTiming {
  medianMs: number;
  minMs: number;
  sigma: number[];
}

function numpyAvailable(): boolean {
  const probe = spawnSync('python3', ['-c', 'import numpy'], { stdio: 'ignore' });
  return probe.status === 0;
}

/** Times numpy on `data`; `threads` = 1 pins OpenBLAS/MKL/OpenMP to one core, like the JS code. */
function timeNumpy(file: string, rows: number, cols: number, threads: number | null): NumpyTiming {
  const env = { ...process.env };
  if (threads !== null) {
    for (const name of ['OPENBLAS_NUM_THREADS', 'OMP_NUM_THREADS', 'MKL_NUM_THREADS']) env[name] = String(threads);
  }
  const result = spawnSync('python3', ['-c', NUMPY_SCRIPT, file, String(rows), String(cols)], { env, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`numpy timing failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as NumpyTiming;
}

function maxRelativeDifference(ours: Float64Array, reference: number[]): number {
  let worst = 0;
  for (let i = 0; i < ours.length; i++) worst = Math.max(worst, Math.abs(ours[i] - reference[i]));
  return worst / reference[0];
}

const pad = (text: string, width: number) => text.padStart(width);
const fixed = (value: number, digits = 1) => value.toFixed(digits);

function main(): void {
  const rng = createRng(2024);
  const cases: BenchCase[] = [
    { name: 'random normal 256×256', rows: 256, cols: 256, data: gaussian(256, 256, rng), runs: 9 },
    { name: 'random normal 512×512', rows: 512, cols: 512, data: gaussian(512, 512, rng), runs: 7 },
    { name: 'random normal 1024×1024', rows: 1024, cols: 1024, data: gaussian(1024, 1024, rng), runs: 3 },
    { name: 'softmax attention 512×512 (d=64)', rows: 512, cols: 512, data: attentionLike(512, 512, 64, rng), runs: 7 },
    { name: 'softmax attention 512×128 (d=64)', rows: 512, cols: 128, data: attentionLike(512, 128, 64, rng), runs: 9 },
  ];

  console.log('singularValues: plain JS, float64, one thread (median of timed runs after a warm-up).');
  console.log(`Ratio = JS median / ${QUOTED_LAPACK_512_MS} ms, the LAPACK reference quoted for this machine (512×512 only).\n`);
  console.log(`${'matrix'.padEnd(34)}${pad('median ms', 11)}${pad('min ms', 9)}${pad('runs', 6)}${pad('÷ 26 ms', 9)}`);
  const results = new Map<string, ReturnType<typeof timeSingularValues>>();
  for (const benchCase of cases) {
    const timing = timeSingularValues(benchCase);
    results.set(benchCase.name, timing);
    const ratio = benchCase.rows === 512 && benchCase.cols === 512 ? `${fixed(timing.medianMs / QUOTED_LAPACK_512_MS, 2)}×` : '—';
    console.log(
      `${benchCase.name.padEnd(34)}${pad(fixed(timing.medianMs), 11)}${pad(fixed(timing.minMs), 9)}${pad(String(benchCase.runs), 6)}${pad(ratio, 9)}`,
    );
  }

  console.log('');
  if (!numpyAvailable()) {
    console.log(`numpy is not available here (python3 -c "import numpy" failed): using the quoted ${QUOTED_LAPACK_512_MS} ms reference.`);
    return;
  }
  const directory = mkdtempSync(join(tmpdir(), 'bench-svd-'));
  try {
    console.log('numpy np.linalg.svd(A, compute_uv=False) on the same matrices (median of 9 after a warm-up):');
    console.log(`${'matrix'.padEnd(34)}${pad('threads', 8)}${pad('numpy ms', 10)}${pad('JS ms', 9)}${pad('JS/numpy', 10)}${pad('max|Δσ|/σ₁', 13)}`);
    for (const benchCase of cases.filter((c) => c.rows === 512 && c.cols === 512)) {
      const file = join(directory, 'matrix.f64');
      writeFileSync(file, Buffer.from(benchCase.data.buffer, benchCase.data.byteOffset, benchCase.data.byteLength));
      const ours = results.get(benchCase.name)!;
      for (const threads of [1, null]) {
        const numpy = timeNumpy(file, benchCase.rows, benchCase.cols, threads);
        console.log(
          `${benchCase.name.padEnd(34)}${pad(threads === null ? 'default' : String(threads), 8)}${pad(fixed(numpy.medianMs), 10)}` +
            `${pad(fixed(ours.medianMs), 9)}${pad(`${fixed(ours.medianMs / numpy.medianMs, 2)}×`, 10)}` +
            `${pad(maxRelativeDifference(ours.sigma, numpy.sigma).toExponential(1), 13)}`,
        );
      }
    }
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

main();
