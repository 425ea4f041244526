/**
 * Headless efficiency benchmark: builds the app if needed, serves it with vite preview on a free port,
 * opens it in headless Chromium (WebGPU through SwiftShader unless --backend says otherwise), runs the
 * efficiency lab's sweep through its window hook, prints a table and writes the rows as JSON.
 *
 * Run: npm run bench -- --n 256,512,1024 --k 64,128 [--json FILE] [--backend webgpu|webgl|wasm|cpu]
 *        [--chromium PATH] [--layers 2] [--heads 2] [--d 64] [--ff 2·d] [--batch 2] [--repeats 3] [--warmup 1]
 *        [--no-training] [--dist DIR] [--real-gpu]
 *
 * Absolute times on SwiftShader say little about a real GPU; the ratios measured side by side are the
 * figures to read.
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import { chromium } from '@playwright/test';
import { preview } from 'vite';
import { benchmarkChromiumArgs, chromiumExecutable } from '../e2e/browser';
import { sweepPointConfig, theoreticalRatios } from '../src/lib/efficiency';
import type { BenchmarkOutcome, BenchRow } from '../src/worker/benchTypes';

interface BenchHook {
  run(
    ns: number[],
    ks: number[],
    options: { repeats: number; warmup: number; training: boolean },
  ): Promise<BenchmarkOutcome | null>;
}

interface Options {
  ns: number[];
  ks: number[];
  json: string | null;
  backend: string | null;
  chromium: string | null;
  layers: number;
  heads: number;
  dModel: number;
  dFF: number | null;
  batch: number;
  repeats: number;
  warmup: number;
  training: boolean;
  dist: string | null;
  /** Let Chromium pick the system's GPU instead of forcing SwiftShader. */
  realGpu: boolean;
}

const USAGE =
  'Usage: npm run bench -- --n 256,512,1024 --k 64,128 [--json FILE] [--backend NAME] [--chromium PATH] ' +
  '[--layers N] [--heads N] [--d N] [--ff N] [--batch N] [--repeats N] [--warmup N] [--no-training] [--dist DIR] [--real-gpu]';

function parseArguments(argv: string[]): Options {
  const options: Options = {
    ns: [256, 512, 1024],
    ks: [64, 128],
    json: null,
    backend: null,
    chromium: null,
    layers: 2,
    heads: 2,
    dModel: 64,
    dFF: null,
    batch: 2,
    repeats: 3,
    warmup: 1,
    training: true,
    dist: null,
    realGpu: false,
  };
  const whole = (flag: string, text: string | undefined, min = 1): number => {
    const value = Number(text);
    if (!Number.isInteger(value) || value < min)
      throw new Error(`${flag} needs a whole number ≥ ${min} (got ${text}).\n${USAGE}`);
    return value;
  };
  const list = (flag: string, text: string | undefined) =>
    (text ?? '').split(',').map((part) => whole(flag, part.trim()));
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${flag} needs a value.\n${USAGE}`);
      return next;
    };
    switch (flag) {
      case '--n':
        options.ns = list(flag, value());
        break;
      case '--k':
        options.ks = list(flag, value());
        break;
      case '--json':
        options.json = value();
        break;
      case '--backend':
        options.backend = value();
        break;
      case '--chromium':
        options.chromium = value();
        break;
      case '--layers':
        options.layers = whole(flag, value());
        break;
      case '--heads':
        options.heads = whole(flag, value());
        break;
      case '--d':
        options.dModel = whole(flag, value());
        break;
      case '--ff':
        options.dFF = whole(flag, value());
        break;
      case '--batch':
        options.batch = whole(flag, value());
        break;
      case '--repeats':
        options.repeats = whole(flag, value());
        break;
      case '--warmup':
        options.warmup = whole(flag, value(), 0);
        break;
      case '--no-training':
        options.training = false;
        break;
      case '--dist':
        options.dist = value();
        break;
      case '--real-gpu':
        options.realGpu = true;
        break;
      case '--help':
        console.log(USAGE);
        process.exit(0);
        break;
      default:
        throw new Error(`Unknown option ${flag}.\n${USAGE}`);
    }
  }
  return options;
}

const root = fileURLToPath(new URL('..', import.meta.url));

/** The built app: --dist, else ./dist if it exists, else a fresh build in a temporary folder. */
function ensureBuild(dist: string | null): string {
  if (dist) {
    if (!existsSync(path.join(dist, 'index.html'))) throw new Error(`${dist} holds no built app (index.html missing).`);
    return dist;
  }
  const standard = path.join(root, 'dist');
  if (existsSync(path.join(standard, 'index.html'))) return standard;
  const outDir = mkdtempSync(path.join(tmpdir(), 'linformer-bench-'));
  console.error(`No dist/ found: building the app into ${outDir} …`);
  const build = spawnSync('npx', ['vite', 'build', '--outDir', outDir, '--emptyOutDir'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (build.status !== 0) throw new Error('vite build failed.');
  return outDir;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const ms = (v: number | null) => (v === null ? '—' : v < 10 ? v.toFixed(2) : v.toFixed(0));
const mib = (bytes: number | null) => (bytes === null ? '—' : (bytes / 2 ** 20).toFixed(2));
const times = (v: number | null) => (v === null || !Number.isFinite(v) ? '—' : `${v.toFixed(2)}×`);

function printTable(rows: BenchRow[]): void {
  console.log(
    '| n | k | attention | forward ms median (min–max) | train step ms | forward peak MiB | speed-up | theory | memory saving | theory |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  for (const row of rows) {
    const standard = rows.find((r) => r.attention === 'standard' && r.n === row.n);
    let ratios = '— | — | — | —';
    if (row.k !== null && standard) {
      // The theory for exactly the model the row measured.
      const theory = theoreticalRatios(sweepPointConfig(row, row), row.batch);
      ratios = [
        times(standard.msMedian / row.msMedian),
        times(theory.speedup),
        times(standard.forwardPeakBytes / row.forwardPeakBytes),
        times(theory.forwardMemorySaving),
      ].join(' | ');
    }
    console.log(
      `| ${row.n} | ${row.k ?? '—'} | ${row.attention} | ${ms(row.msMedian)} (${ms(row.msMin)}–${ms(row.msMax)}) | ` +
        `${ms(row.trainMsMedian)} | ${mib(row.forwardPeakBytes)} | ${ratios} |`,
    );
  }
}

async function main(): Promise<void> {
  const options = parseArguments(process.argv.slice(2));
  const dist = ensureBuild(options.dist);
  const port = await freePort();
  const server = await preview({
    root,
    logLevel: 'warn',
    build: { outDir: dist },
    preview: { host: '127.0.0.1', port, strictPort: true, open: false },
  });
  // SwiftShader is forced for CI; --real-gpu drops that flag so Chromium uses the machine's GPU.
  const args = benchmarkChromiumArgs(options.realGpu);
  const browser = await chromium.launch({
    executablePath: options.chromium ?? chromiumExecutable(),
    args,
  });
  try {
    const page = await browser.newPage();
    page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
    const query = new URLSearchParams({
      L: String(options.layers),
      h: String(options.heads),
      d: String(options.dModel),
      ff: String(options.dFF ?? 2 * options.dModel),
      b: String(options.batch),
      sh: 'none',
      p: 'linear',
    });
    if (options.backend) query.set('backend', options.backend);
    await page.goto(`http://127.0.0.1:${port}/?${query}`);
    const backend = (await page.getByTestId('active-backend').textContent({ timeout: 60_000 })) ?? '?';
    if (options.backend && backend !== options.backend)
      console.error(`Asked for ${options.backend}, running on ${backend}.`);
    console.error(`Backend ${backend}; sweeping n = ${options.ns.join(', ')}, k = ${options.ks.join(', ')} …`);
    const progress = setInterval(() => {
      void page
        .getByTestId('efficiency-progress')
        .textContent()
        .then((text) => console.error(`  ${text?.trim()}`))
        .catch(() => undefined);
    }, 15_000);
    let outcome: BenchmarkOutcome | null;
    try {
      outcome = await page.evaluate(
        ({ ns, ks, run }) => {
          // The hook is declared in src/app/features/efficiency/efficiencyStore.ts, outside this script's type world.
          const hook = (window as unknown as { linformerBench?: BenchHook }).linformerBench;
          if (!hook) throw new Error('The page has no window.linformerBench hook.');
          return hook.run(ns, ks, run);
        },
        {
          ns: options.ns,
          ks: options.ks,
          run: { repeats: options.repeats, warmup: options.warmup, training: options.training },
        },
      );
    } finally {
      clearInterval(progress);
    }
    if (!outcome) throw new Error('The sweep did not start (another was running, or the worker failed).');
    const rows = outcome.rows;
    console.log(
      `\nBackend ${backend}, adapter ${rows[0]?.adapter ?? '?'}; ${options.layers} layers, ${options.heads} heads, dModel ${options.dModel}, ` +
        `dFF ${options.dFF ?? 2 * options.dModel}, batch ${options.batch}, unshared learned E/F; median of ${options.repeats} runs after ${options.warmup} warm-up.\n`,
    );
    printTable(rows);
    for (const skip of outcome.skipped)
      console.log(`skipped ${skip.attention} n = ${skip.n}${skip.k ? `, k = ${skip.k}` : ''}: ${skip.reason}`);
    if (outcome.status !== 'finished')
      console.error(`\nSweep ${outcome.status}${outcome.message ? `: ${outcome.message}` : ''}`);
    if (options.json) {
      writeFileSync(options.json, `${JSON.stringify(rows, null, 2)}\n`);
      console.error(`wrote ${rows.length} rows to ${options.json}`);
    }
    if (outcome.status === 'failed') process.exitCode = 1;
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
