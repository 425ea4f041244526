/**
 * Times the spectra of every head of a 4-layer × 4-head encoder at n = 512 (16 attention matrices of 512×512):
 * one thread, then a pool of worker_threads of min(4, cores) workers fed one matrix at a time, the way the
 * browser's SVD pool (src/worker/svdPool.ts) is. The matrices are the real attention of a freshly initialised
 * model (tfjs cpu backend) and, because a fresh model's attention is nearly uniform, also sharper synthetic
 * softmax matrices (the eigenvalue iteration count depends a little on the spectrum).
 *
 * Run: npx tsx scripts/bench-spectra.ts
 */
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { singularValues } from '../src/lib/numerics/singularValues';

/**
 * A pool member: the same singularValues, loaded through tsx's require hook (worker threads do not inherit
 * the tsx loader of the main thread), answering each matrix it is sent.
 */
const SINGULAR_VALUES_PATH = fileURLToPath(new URL('../src/lib/numerics/singularValues.ts', import.meta.url));
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { singularValues } = require('tsx/cjs/api').require(${JSON.stringify(SINGULAR_VALUES_PATH)}, ${JSON.stringify(SINGULAR_VALUES_PATH)});
parentPort.on('message', (job) => {
  const sigma = singularValues(job.data, job.rows, job.cols);
  parentPort.postMessage({ id: job.id, sigma }, [sigma.buffer]);
});
`;

interface Job {
  id: number;
  rows: number;
  cols: number;
  data: Float32Array;
}


interface Matrix {
  rows: number;
  cols: number;
  data: Float32Array;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Row-wise softmax of N(0, temperature²) logits: a sharper, attention-like matrix than a fresh model gives. */
async function syntheticAttention(count: number, n: number, temperature: number): Promise<Matrix[]> {
  const { createRng } = await import('../src/lib/random');
  const rng = createRng(512);
  return Array.from({ length: count }, () => {
    const data = new Float32Array(n * n);
    for (let i = 0; i < n; i++) {
      let max = -Infinity;
      const row = new Float64Array(n);
      for (let j = 0; j < n; j++) max = Math.max(max, (row[j] = temperature * rng.normal()));
      let sum = 0;
      for (let j = 0; j < n; j++) sum += row[j] = Math.exp(row[j] - max);
      for (let j = 0; j < n; j++) data[i * n + j] = row[j] / sum;
    }
    return { rows: n, cols: n, data };
  });
}

/** The 16 attention matrices of a fresh 4 × 4 encoder at n = 512 on the tfjs cpu backend. */
async function modelAttention(): Promise<{ matrices: Matrix[]; forwardMs: number }> {
  const tf = await import('@tensorflow/tfjs');
  await tf.setBackend('cpu');
  const { createEncoder } = await import('../src/lib/model/encoder');
  const { collectAttentionMatrices } = await import('../src/lib/spectra/attentionMatrices');
  const { createRng } = await import('../src/lib/random');
  const n = 512;
  const model = createEncoder({
    layers: 4,
    heads: 4,
    dModel: 128,
    dFF: 256,
    seqLen: n,
    vocabSize: 64,
    dropout: 0,
    attention: 'standard',
    sharing: 'none',
    projection: 'linear',
    kPerLayer: [128, 128, 128, 128],
    seed: 3,
  });
  const rng = createRng(4);
  const batch = {
    batchSize: 1,
    seqLen: n,
    tokens: Int32Array.from({ length: n }, () => 4 + rng.int(60)),
    attentionMask: new Float32Array(n).fill(1),
  };
  const start = performance.now();
  const matrices = await collectAttentionMatrices(model, batch);
  const forwardMs = performance.now() - start;
  model.dispose();
  return { matrices, forwardMs };
}

function timeSingleThread(matrices: Matrix[], runs: number): number[] {
  // Warm-up: one untimed pass (JIT, and the garbage the tfjs forward pass left behind gets collected).
  for (const m of matrices) singularValues(m.data, m.rows, m.cols);
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const start = performance.now();
    for (const m of matrices) singularValues(m.data, m.rows, m.cols);
    times.push(performance.now() - start);
  }
  return times;
}

class ThreadPool {
  private readonly workers: Worker[];
  private readonly pending = new Map<number, (sigma: Float64Array) => void>();
  private readonly idle: Worker[] = [];
  private readonly queue: Job[] = [];
  private nextId = 0;

  constructor(size: number) {
    this.workers = Array.from({ length: size }, () => new Worker(WORKER_SOURCE, { eval: true }));
    for (const worker of this.workers) {
      worker.on('message', ({ id, sigma }: { id: number; sigma: Float64Array }) => {
        this.pending.get(id)?.(sigma);
        this.pending.delete(id);
        this.idle.push(worker);
        this.pump();
      });
      this.idle.push(worker);
    }
  }

  run(matrix: Matrix): Promise<Float64Array> {
    const job: Job = { id: this.nextId++, rows: matrix.rows, cols: matrix.cols, data: matrix.data.slice() };
    return new Promise((resolve) => {
      this.pending.set(job.id, resolve);
      this.queue.push(job);
      this.pump();
    });
  }

  private pump(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const job = this.queue.shift()!;
      // slice() gave the job its own ArrayBuffer (never a SharedArrayBuffer), so it can be moved.
      this.idle.pop()!.postMessage(job, [job.data.buffer as ArrayBuffer]);
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}

async function timePool(pool: ThreadPool, matrices: Matrix[], runs: number): Promise<number[]> {
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const start = performance.now();
    await Promise.all(matrices.map((m) => pool.run(m)));
    times.push(performance.now() - start);
  }
  return times;
}

async function main(): Promise<void> {
  const cores = availableParallelism();
  const poolSize = Math.min(4, cores);
  const runs = 3;
  console.log(`Spectra of all heads of a 4-layer × 4-head model at n = 512 (16 matrices of 512×512), Node ${process.version}, ${cores} cores.`);
  console.log('singularValues: plain JS, float64 Gram route. Times are medians of 3 runs after a warm-up.');
  // Other processes on the same cores slow both columns and hide the pool's gain: say how busy the machine was.
  console.log(`Load average before timing: ${loadavg()[0].toFixed(2)} (1 min) on ${cores} cores.\n`);

  const { matrices: model, forwardMs } = await modelAttention();
  console.log(`Attention read-back (tfjs cpu backend, one forward pass, 16 matrices): ${forwardMs.toFixed(0)} ms\n`);
  const synthetic = await syntheticAttention(16, 512, 3);

  const spawnStart = performance.now();
  const pool = new ThreadPool(poolSize);
  // Warm each worker up (start-up, module loading, JIT) before timing.
  await Promise.all(Array.from({ length: poolSize }, (_, i) => pool.run(model[i])));
  const spawnMs = performance.now() - spawnStart;

  const rows: [string, number, number][] = [];
  for (const [name, matrices] of [
    ['fresh model attention', model],
    ['synthetic softmax (T = 3)', synthetic],
  ] as const) {
    const single = median(timeSingleThread([...matrices], runs));
    const pooled = median(await timePool(pool, [...matrices], runs));
    rows.push([name, single, pooled]);
  }
  await pool.close();
  console.log(`Load average after timing: ${loadavg()[0].toFixed(2)} (1 min).\n`);

  console.log(`${'matrices'.padEnd(28)}${'1 thread ms'.padStart(13)}${'ms/matrix'.padStart(11)}${`pool of ${poolSize} ms`.padStart(15)}${'speed-up'.padStart(10)}`);
  for (const [name, single, pooled] of rows) {
    console.log(
      `${name.padEnd(28)}${single.toFixed(0).padStart(13)}${(single / 16).toFixed(1).padStart(11)}${pooled.toFixed(0).padStart(15)}${`${(single / pooled).toFixed(2)}×`.padStart(10)}`,
    );
  }
  console.log(`\nPool start-up and warm-up (once per page in the app, not per analysis): ${spawnMs.toFixed(0)} ms.`);
  for (const [name, single, pooled] of rows) {
    // Parallel efficiency measured here (speed-up per worker), assumed to hold with four workers on four cores.
    const efficiency = single / pooled / poolSize;
    console.log(
      `${name}: on 4 cores about ${(single / 4).toFixed(0)} ms if perfectly parallel, ${(single / (4 * efficiency)).toFixed(0)} ms at the ` +
        `${(efficiency * 100).toFixed(0)}% efficiency measured here (estimates, not measurements; target < 1000 ms).`,
    );
  }
}

await main();
