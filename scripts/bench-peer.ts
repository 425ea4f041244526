/**
 * `npm run bench:peer`: this app's trainer against the strongest in-browser trainer we know, @genai-fi/nanogpt
 * 1.3.0, at the same size, in one headless Chromium, on WebGPU and on WebGL. Each trainer runs in a page of its own
 * (scripts/peer/), and the driver alternates blocks of steps between the pages round by round, so all of them see
 * the same machine load. It prints tokens/s of each, the ratio to the peer per round, and the WebGPU calls each
 * makes per training step (dispatches, submits, buffers created: counted by wrapping the WebGPU API in each page,
 * so they do not depend on the machine's speed). Any uncaptured WebGPU error fails the run.
 *
 * The two trainers do not train the same task: the app's encoder does masked-language modelling (the loss on the
 * ~15% masked positions) and the peer a causal next-character model (the loss at every position); both process
 * batch × n tokens per step through a model of the same width, depth and feed-forward size, with AdamW and, on
 * WebGPU, global-norm clipping at 1. On WebGL the peer has no kernel for its norm, so clipping is off for both.
 *
 * Without a GPU, Chromium's WebGPU and WebGL run on SwiftShader (the CPU): quote ratios, not absolute speed. With
 * --real-gpu Chromium uses the machine's own GPU instead.
 *
 * Run: npm run bench:peer -- [--backends webgpu,webgl] [--rounds 5] [--steps 4] [--warmup 3] [--n 128]
 *        [--batch 4] [--layers 2] [--d 64] [--heads 2] [--ff 256] [--k 32] [--port 4199] [--real-gpu]
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { build, preview } from 'vite';
import { benchmarkChromiumArgs, chromiumExecutable } from '../e2e/browser';
import type { BenchBackend, BenchSize, BlockResult, PageReady, PageSetup } from './peer/benchPageApi';

interface Options {
  backends: BenchBackend[];
  rounds: number;
  steps: number;
  warmup: number;
  port: number;
  realGpu: boolean;
  size: BenchSize;
}

const GOALS = { dispatches: 300, submits: 40, webGpuSpeedUp: 1.5 };

function parseArguments(argv: string[]): Options {
  const options: Options = {
    backends: ['webgpu', 'webgl'],
    rounds: 5,
    steps: 4,
    warmup: 3,
    port: 4199,
    realGpu: false,
    size: { layers: 2, heads: 2, dModel: 64, dFF: 256, seqLen: 128, batch: 4, k: 32 },
  };
  const sizeFlags: Record<string, keyof BenchSize> = { n: 'seqLen', batch: 'batch', layers: 'layers', d: 'dModel', heads: 'heads', ff: 'dFF', k: 'k' };
  for (let i = 0; i < argv.length; i += 2) {
    const flag = argv[i].replace(/^--/, '');
    const text = argv[i + 1];
    if (flag === 'real-gpu') {
      options.realGpu = true;
      i -= 1; // a flag without a value
      continue;
    }
    if (flag === 'backends') {
      const backends = (text ?? '').split(',');
      if (!backends.every((b): b is BenchBackend => b === 'webgpu' || b === 'webgl')) throw new Error(`--backends takes webgpu and/or webgl (got ${text}).`);
      options.backends = backends;
      continue;
    }
    const value = Number(text);
    if (!Number.isInteger(value) || value < 1) throw new Error(`--${flag} needs a positive whole number (got ${text}).`);
    if (flag in sizeFlags) options.size[sizeFlags[flag]] = value;
    else if (flag === 'rounds' || flag === 'steps' || flag === 'warmup' || flag === 'port') options[flag] = value;
    else throw new Error(`Unknown flag --${flag}.`);
  }
  if (options.size.dModel % options.size.heads !== 0) throw new Error('--heads must divide --d.');
  if (options.size.dFF % options.size.dModel !== 0) throw new Error("--ff must be a multiple of --d (the peer sizes its MLP as a factor of d).");
  return options;
}

/** One trainer in its own page. */
interface Contender {
  label: string;
  page: Page;
  ready: PageReady;
  blocks: BlockResult[];
  isPeer: boolean;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const tokensPerSecond = (block: BlockResult) => block.tokens / (block.ms / 1000);

async function openContender(browser: Browser, baseUrl: string, file: string, label: string, setup: PageSetup, warmup: number): Promise<Contender> {
  const page = await browser.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(new URL(file, baseUrl).href);
  await page.waitForFunction(() => window.benchPage !== undefined, undefined, { timeout: 60_000 }).catch(() => {
    throw new Error(`${label}: the page did not load${pageErrors.length ? `: ${pageErrors.join('; ')}` : ''}.`);
  });
  const ready = await page.evaluate((s) => window.benchPage!.setup(s), setup);
  if (ready.backend !== setup.backend) throw new Error(`${label}: asked for ${setup.backend}, got ${ready.backend}.`);
  // The first steps compile every pipeline: run them untimed.
  const warm = await page.evaluate((steps) => window.benchPage!.train(steps), warmup);
  failOnGpuErrors(label, warm);
  return { label, page, ready, blocks: [], isPeer: file === 'peer.html' };
}

function failOnGpuErrors(label: string, block: BlockResult): void {
  if (block.gpuErrors.length > 0) {
    throw new Error(`${label}: ${block.gpuErrors.length} uncaptured WebGPU errors; the first: ${block.gpuErrors[0]}`);
  }
  if (!Number.isFinite(block.lastLoss)) throw new Error(`${label}: the training loss is ${block.lastLoss}.`);
}

async function benchBackend(browser: Browser, baseUrl: string, backend: BenchBackend, options: Options): Promise<void> {
  const clip = backend === 'webgpu';
  const common = { backend, size: options.size, clip, seed: 1 };
  const contenders: Contender[] = [];
  try {
    contenders.push(await openContender(browser, baseUrl, 'ours.html', 'this app, standard', { ...common, attention: 'standard' }, options.warmup));
    contenders.push(await openContender(browser, baseUrl, 'ours.html', 'this app, Linformer', { ...common, attention: 'linformer' }, options.warmup));
    contenders.push(await openContender(browser, baseUrl, 'peer.html', '@genai-fi/nanogpt', common, options.warmup));
    for (let round = 0; round < options.rounds; round++) {
      // Rotate who goes first, so no trainer always follows the same one.
      for (let i = 0; i < contenders.length; i++) {
        const contender = contenders[(round + i) % contenders.length];
        const block = await contender.page.evaluate((steps) => window.benchPage!.train(steps), options.steps);
        failOnGpuErrors(contender.label, block);
        contender.blocks.push(block);
      }
      process.stdout.write(`  ${backend}: round ${round + 1} of ${options.rounds} done\r`);
    }
    process.stdout.write('\n');
    report(backend, contenders, options);
  } finally {
    await Promise.all(contenders.map((c) => c.page.close()));
  }
}

function report(backend: BenchBackend, contenders: Contender[], options: Options): void {
  const peer = contenders.find((c) => c.isPeer)!;
  const adapter = contenders[0].ready.adapter;
  console.log(`\n### ${backend === 'webgpu' ? `WebGPU (adapter: ${adapter || 'unknown'})` : 'WebGL'}; clipping ${backend === 'webgpu' ? 'at 1' : 'off'}\n`);
  console.log('| trainer | parameters | tokens/s (median) | ms / step | × peer (median per round, range) | dispatches / step | submits / step | buffers / step | last loss |');
  console.log('|---|---|---|---|---|---|---|---|---|');
  const goalLines: string[] = [];
  for (const contender of contenders) {
    const speeds = contender.blocks.map(tokensPerSecond);
    const ratios = contender.blocks.map((block, round) => tokensPerSecond(block) / tokensPerSecond(peer.blocks[round]));
    const msPerStep = median(contender.blocks.map((b) => b.ms / b.steps));
    const counts = contender.blocks[0].counts;
    const perStep = (key: 'dispatches' | 'submits' | 'buffers') =>
      counts ? (median(contender.blocks.map((b) => b.counts![key] / b.steps))).toFixed(0) : '—';
    const ratioText = contender.isPeer ? '1' : `${median(ratios).toFixed(2)}× (${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)})`;
    console.log(
      `| ${contender.ready.trainer} | ${contender.ready.parameters.toLocaleString('en-US')} | ${median(speeds).toFixed(0)} | ${msPerStep.toFixed(0)} | ${ratioText} | ` +
        `${perStep('dispatches')} | ${perStep('submits')} | ${perStep('buffers')} | ${contender.blocks.at(-1)!.lastLoss.toFixed(3)} |`,
    );
    if (!contender.isPeer && counts) {
      const dispatches = Number(perStep('dispatches'));
      const submits = Number(perStep('submits'));
      goalLines.push(`${contender.label}: ${dispatches} dispatches (goal ≤ ${GOALS.dispatches}: ${dispatches <= GOALS.dispatches ? 'met' : 'NOT met'}), ` +
        `${submits} submits (goal ≤ ${GOALS.submits}: ${submits <= GOALS.submits ? 'met' : 'NOT met'}), ` +
        `${median(ratios).toFixed(2)}× the peer's tokens/s (goal ≥ ${GOALS.webGpuSpeedUp}×: ${median(ratios) >= GOALS.webGpuSpeedUp ? 'met' : 'NOT met'}).`);
    }
  }
  console.log(`\n${options.rounds} rounds of ${options.steps} steps per trainer after ${options.warmup} warm-up steps; this app reads the loss back every step (as the app does), the peer once per block (as its loop does between log intervals).`);
  for (const line of goalLines) console.log(`- ${line}`);
}

async function main(): Promise<void> {
  const options = parseArguments(process.argv.slice(2));
  const configFile = fileURLToPath(new URL('./peer/vite.config.ts', import.meta.url));
  const { size } = options;
  console.log(
    `Peer benchmark: ${size.layers} layers, ${size.heads} heads, d ${size.dModel}, ff ${size.dFF}, n ${size.seqLen}, batch ${size.batch}, ` +
      `Linformer k ${Math.min(size.k, size.seqLen)}; headless Chromium ${chromiumExecutable()}.`,
  );
  await build({ configFile, logLevel: 'warn' });
  const server = await preview({ configFile, preview: { port: options.port, strictPort: true, host: '127.0.0.1' } });
  const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: benchmarkChromiumArgs(options.realGpu), headless: true });
  try {
    const baseUrl = `http://127.0.0.1:${options.port}/`;
    for (const backend of options.backends) await benchBackend(browser, baseUrl, backend, options);
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
