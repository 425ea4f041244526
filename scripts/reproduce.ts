/**
 * `npm run reproduce -- --preset ID --size quick|claim --seeds N --backend NAME --out DIR`: runs a whole preset
 * in Node, each configuration once per seed, and writes into DIR
 * - runs/*.json: every run as the app's run file (import it in the training lab's history);
 * - figure.svg: the app's figure of the preset (mean validation perplexity per configuration, min–max band);
 * - verdict.md: final perplexities over seeds, their context-blind floors and the claim's verdict.
 * It resumes: a finished run already in DIR/runs with the same settings is kept, not trained again.
 *
 * `--backend auto` (the default) times two training steps of the first run on each backend that starts here
 * (wasm, and WebGPU through Dawn when a Vulkan driver is found) and runs everything on the fastest. Both pass the
 * backend parity tests (src/lib/train/backendParity.*.test.ts). On a CPU-only machine wasm wins by far: Dawn then
 * runs on SwiftShader. REAL_GPU=1 makes Dawn use the machine's own Vulkan driver (scripts/dawnEnvironment.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { prepareDawnEnvironment } from './dawnEnvironment';
import { parseArguments, USAGE, type ReproduceBackend } from './reproduce/arguments';
import { figureSvg } from './reproduce/figureSvg';
import { runInNode } from './reproduce/nodeRun';
import { formatDuration, reportMarkdown } from './reproduce/report';
import { activateNodeBackend, loadNodeBackends, type NodeBackend } from '../src/lib/backend/testing/nodeBackends';
import {
  presetJobs,
  presetSettings,
  sameExperiment,
  SIZE_NAMES,
  type Preset,
  type PresetSize,
} from '../src/app/features/training/presets';
import { groupPresetRuns, presetFigureSeries, presetVerdict } from '../src/app/features/training/presetResults';
import { readRunFile, toRunFile } from '../src/app/features/training/runFile';
import type { RunRecord } from '../src/app/features/training/runRecord';
import type { ExperimentSettings } from '../src/app/settings/schema';

const APP_VERSION = (
  JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

function runFilePath(out: string, label: string, seed: number): string {
  return path.join(out, 'runs', `${label.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '')}-seed${seed}.json`);
}

/** A finished run of exactly these settings already written by an earlier, interrupted reproduction. */
function existingRun(file: string, settings: ExperimentSettings): RunRecord | null {
  if (!fs.existsSync(file)) return null;
  const read = readRunFile(fs.readFileSync(file, 'utf8'));
  return read.ok && read.run.status === 'finished' && sameExperiment(read.run.settings, settings) ? read.run : null;
}

/** ms per step of a short timed run (the first step, which compiles kernels, is not counted). */
async function msPerStep(settings: ExperimentSettings): Promise<number> {
  const record = await runInNode(settings, { appVersion: APP_VERSION, adapter: null, maxSteps: 3 });
  const timed = record.training.slice(1).map((point) => point.msPerStep);
  return timed.reduce((sum, value) => sum + value, 0) / timed.length;
}

async function chooseBackend(
  requested: ReproduceBackend,
  sample: ExperimentSettings,
): Promise<{ backend: NodeBackend; msPerStep: number }> {
  const candidates: NodeBackend[] = requested === 'auto' ? ['wasm', 'webgpu'] : [requested];
  if (candidates.includes('webgpu')) prepareDawnEnvironment();
  const started: NodeBackend[] = [];
  try {
    await loadNodeBackends(candidates);
    started.push(...candidates);
  } catch (error) {
    if (requested !== 'auto') throw error;
    console.log(`WebGPU did not start (${error instanceof Error ? error.message : error}); using wasm.`);
    await loadNodeBackends(['wasm']);
    started.push('wasm');
  }
  let best: { backend: NodeBackend; msPerStep: number } | null = null;
  for (const backend of started) {
    await activateNodeBackend(backend);
    const ms = await msPerStep(sample);
    console.log(`${backend}: ${ms.toFixed(0)} ms per step of the first run`);
    if (!best || ms < best.msPerStep) best = { backend, msPerStep: ms };
  }
  await activateNodeBackend(best!.backend);
  return best!;
}

async function reproduce(
  preset: Preset,
  size: PresetSize,
  seeds: number,
  requested: ReproduceBackend,
  out: string,
): Promise<void> {
  fs.mkdirSync(path.join(out, 'runs'), { recursive: true });
  const jobs = presetJobs(preset, seeds).map((job) => {
    const settings = presetSettings(preset, size, job.runIndex, job.seed);
    const file = runFilePath(out, preset.runs[job.runIndex].label, job.seed);
    return { ...job, settings, file, done: existingRun(file, settings) };
  });
  const todo = jobs.filter((job) => !job.done);
  const runs: RunRecord[] = jobs.flatMap((job) => (job.done ? [job.done] : []));
  console.log(
    `${preset.title}, ${SIZE_NAMES[size].toLowerCase()} (${preset.sizes[size].description}): ${jobs.length} runs, ${runs.length} already in ${out}.`,
  );

  let backendName = runs[0]?.backend ?? requested;
  const started = performance.now();
  if (todo.length > 0) {
    const chosen = await chooseBackend(requested, todo[0].settings);
    backendName = chosen.backend;
    const totalSteps = todo.reduce((sum, job) => sum + job.settings.steps, 0);
    console.log(
      `Running ${todo.length} runs on ${chosen.backend}: about ${formatDuration((totalSteps * chosen.msPerStep) / 1000)} at the timed speed (validation adds some).`,
    );
    let stepsDone = 0;
    for (const [index, job] of todo.entries()) {
      const runStarted = performance.now();
      const run = await runInNode(job.settings, {
        appVersion: APP_VERSION,
        adapter: null,
        progress: (step) => {
          if (step % 50 !== 0) return;
          const elapsed = (performance.now() - started) / 1000;
          const rate = elapsed / (stepsDone + step);
          process.stdout.write(
            `  run ${index + 1} of ${todo.length} (${preset.runs[job.runIndex].label}, seed ${job.seed}): step ${step} of ${job.settings.steps}, about ${formatDuration(rate * (totalSteps - stepsDone - step))} left   \r`,
          );
        },
      });
      stepsDone += job.settings.steps;
      fs.writeFileSync(job.file, JSON.stringify(toRunFile(run), null, 1));
      runs.push(run);
      const final = run.validation.at(-1)?.perplexity ?? NaN;
      const floor = run.info?.contextBlindPerplexity ?? NaN;
      console.log(
        `\n  ${preset.runs[job.runIndex].label}, seed ${job.seed}: perplexity ${final.toFixed(2)} (floor ${floor.toFixed(2)}) in ${formatDuration((performance.now() - runStarted) / 1000)}`,
      );
    }
  }
  const seconds = (performance.now() - started) / 1000;
  const groups = groupPresetRuns(preset, size, runs);
  const verdict = presetVerdict(preset, groups);
  const command = `npm run reproduce -- --preset ${preset.id} --size ${size} --seeds ${seeds} --backend ${requested} --out ${out}`;
  const title = `${preset.title}, ${SIZE_NAMES[size].toLowerCase()} (${seeds} seed${seeds === 1 ? '' : 's'})`;
  fs.writeFileSync(
    path.join(out, 'figure.svg'),
    await figureSvg(
      title,
      `${preset.sizes[size].description}. ${verdict.headline} ${verdict.floorNote}`,
      presetFigureSeries(groups),
    ),
  );
  const report = reportMarkdown({ preset, size, seeds, backend: backendName, command, seconds, trained: todo.length }, groups, verdict);
  fs.writeFileSync(path.join(out, 'verdict.md'), report);
  console.log(
    `\n${report}\nWrote ${path.join(out, 'figure.svg')}, ${path.join(out, 'verdict.md')} and ${jobs.length} run files.`,
  );
}

try {
  const { preset, size, seeds, backend, out } = parseArguments(process.argv.slice(2));
  await reproduce(preset, size, seeds, backend, out);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  console.error(`\nUsage: ${USAGE}`);
  process.exit(1);
}
