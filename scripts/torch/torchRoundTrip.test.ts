/**
 * The PyTorch side of an exported bundle, run for real: bundles written by exportBundle (what `npm run export:torch`
 * and the app write), then the bundle's own linformer_lab package on /usr/bin/python3's torch.
 *
 * Runs when that interpreter imports torch. Without it the tests are skipped with the reason printed — unless
 * LINFORMER_REQUIRE_TORCH=1 (CI sets it in .ci/run), which turns the missing torch into a failure, so CI can never
 * pass these tests by skipping them.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  importBundleWeights,
  maxLogitDifference,
  readSafetensors,
  referenceLogits,
  writeSafetensors,
  type ReferenceBatch,
  type SafetensorsTensor,
} from '../../src/lib/export';
import {
  TORCH_PYTHON,
  removeBundle,
  runPython,
  runTorchrun,
  runTorchrunWorkers,
  tinyModel,
  tinySpec,
  torchAvailability,
  writeBundle,
  type WrittenBundle,
} from './testBundle';

const torch = torchAvailability();
const torchRequired = process.env.LINFORMER_REQUIRE_TORCH === '1';
if (!torch.available) {
  console.warn(
    `Skipping the PyTorch round-trip tests: ${torch.reason}.${torchRequired ? ' LINFORMER_REQUIRE_TORCH=1, so this fails.' : ''}`,
  );
}

describe('PyTorch for the round-trip tests', () => {
  it.runIf(torchRequired)(`is importable by ${TORCH_PYTHON}, as LINFORMER_REQUIRE_TORCH=1 demands`, () => {
    expect(torch.available, torch.reason).toBe(true);
  });
});

const readJson = <T>(file: string): T => JSON.parse(fs.readFileSync(file, 'utf8')) as T;
const bundles: string[] = [];
afterAll(() => bundles.forEach(removeBundle));

async function bundle(...args: Parameters<typeof writeBundle>) {
  const written = await writeBundle(...args);
  bundles.push(written.dir);
  return written;
}

describe.skipIf(!torch.available)(
  `check.py: the PyTorch module reproduces the browser encoder's logits (${torch.reason})`,
  () => {
    // Every projection kind, every sharing mode, and standard attention; trained two updates in the browser first, so
    // biases and layer-norm gains are no longer 0 and 1 and a layout error in any of them would move the logits.
    const cases: Array<[string, Partial<Parameters<typeof tinyModel>[0]>]> = [
      ['standard attention', {}],
      ['Linformer, linear E/F, no sharing', { attention: 'linformer', projection: 'linear', sharing: 'none' }],
      ['Linformer, linear, key-value sharing', { attention: 'linformer', projection: 'linear', sharing: 'kv' }],
      [
        'Linformer, random (fixed) E/F, headwise sharing',
        { attention: 'linformer', projection: 'random', sharing: 'headwise' },
      ],
      ['Linformer, mean-pooling', { attention: 'linformer', projection: 'mean-pool' }],
      ['Linformer, max-pooling', { attention: 'linformer', projection: 'max-pool' }],
      [
        'Linformer, conv, layerwise sharing',
        { attention: 'linformer', projection: 'conv', sharing: 'layerwise', kPerLayer: [4, 4] },
      ],
    ];
    // Concurrent: each case waits mostly on its own Python process, so two run side by side on two cores.
    it.concurrent.for(cases)(
      '%s: max |logit difference| ≤ reference.json tolerance (1e-4), padded row included',
      async ([label, overrides], { expect }) => {
        const { dir } = await bundle(tinySpec(tinyModel(overrides)), 2, label.replace(/\W+/g, '-'));
        const result = await runPython(dir, 'check', [dir]);
        expect(result.stderr).toBe('');
        expect(result.status).toBe(0);
        const difference = Number(/logit difference ([\d.e+-]+)/.exec(result.stdout)?.[1]);
        expect(difference).toBeLessThanOrEqual(1e-4);
        expect(readJson<ReferenceBatch>(path.join(dir, 'reference.json')).padding[1]).toContain(0);
      },
    );
  },
);

describe.skipIf(!torch.available)(`check.py refuses a damaged bundle, naming what is wrong (${torch.reason})`, () => {
  let source: string;
  let copyCount = 0;
  beforeAll(async () => {
    source = (
      await bundle(
        tinySpec(tinyModel({ attention: 'linformer', projection: 'linear', sharing: 'headwise' })),
        1,
        'damaged',
      )
    ).dir;
  }, 60_000);
  function damagedCopy(): string {
    const dir = `${source}-copy${copyCount++}`;
    fs.cpSync(source, dir, { recursive: true });
    bundles.push(dir);
    return dir;
  }
  /** model.safetensors rewritten with `edit` applied to its tensors (H6's writer: the file stays well-formed). */
  function editWeights(dir: string, edit: (tensors: SafetensorsTensor[]) => SafetensorsTensor[]) {
    const file = path.join(dir, 'model.safetensors');
    const { tensors, metadata } = readSafetensors(new Uint8Array(fs.readFileSync(file)));
    fs.writeFileSync(file, writeSafetensors(edit(tensors), metadata));
  }
  function editConfig(dir: string, edit: (config: Record<string, Record<string, unknown>>) => void) {
    const file = path.join(dir, 'config.json');
    const config = readJson<Record<string, Record<string, unknown>>>(file);
    edit(config);
    fs.writeFileSync(file, JSON.stringify(config));
  }

  it.concurrent('a missing tensor: exit 2, naming the tensor', async ({ expect }) => {
    const dir = damagedCopy();
    editWeights(dir, (tensors) => tensors.filter((tensor) => tensor.name !== 'layer1/feedForward/out/bias'));
    const result = await runPython(dir, 'check', [dir]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('tensor "layer1/feedForward/out/bias" is missing');
  });

  it.concurrent('a truncated weights file: exit 2, saying which tensor its bytes run out in', async ({ expect }) => {
    const dir = damagedCopy();
    const file = path.join(dir, 'model.safetensors');
    const bytes = fs.readFileSync(file);
    fs.writeFileSync(file, bytes.subarray(0, bytes.length - 100));
    const result = await runPython(dir, 'check', [dir]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/model\.safetensors: tensor "mlmHead\/outputBias" of shape \[\d+\] needs \d+ bytes/);
  });

  it.concurrent('a tensor of the wrong shape: exit 2, naming the tensor and both shapes', async ({ expect }) => {
    const dir = damagedCopy();
    editWeights(dir, (tensors) =>
      tensors.map((tensor) =>
        tensor.name === 'projection/layer0/E'
          ? { ...tensor, shape: [4, 32], values: tensor.values.subarray(0, 128) }
          : tensor,
      ),
    );
    const result = await runPython(dir, 'check', [dir]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('tensor "projection/layer0/E" has shape [4, 32], but the config needs [8, 16]');
  });

  it.concurrent('an impossible config field: exit 2, naming the field', async ({ expect }) => {
    const dir = damagedCopy();
    editConfig(dir, (config) => (config.model.heads = 3));
    const result = await runPython(dir, 'check', [dir]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('field "heads" (3) must divide "dModel" (16)');
  });

  it.concurrent(
    'a config that no longer matches the weights (another k): exit 2, naming the tensor',
    async ({ expect }) => {
      const dir = damagedCopy();
      editConfig(dir, (config) => (config.model.kPerLayer = [4, 4]));
      const result = await runPython(dir, 'check', [dir]);
      expect(result.status).toBe(2);
      expect(result.stderr).toContain('tensor "projection/layer0/E" has shape [8, 16], but the config needs [4, 16]');
    },
  );

  it.concurrent('an unknown schema version or a missing field: exit 2, naming the field', async ({ expect }) => {
    const version = damagedCopy();
    editConfig(version, (config) => ((config as Record<string, unknown>).schemaVersion = 2));
    const versionResult = await runPython(version, 'check', [version]);
    expect(versionResult.status).toBe(2);
    expect(versionResult.stderr).toContain('field "schemaVersion" is 2');
    const missing = damagedCopy();
    editConfig(missing, (config) => delete config.model.dFF);
    const missingResult = await runPython(missing, 'check', [missing]);
    expect(missingResult.status).toBe(2);
    expect(missingResult.stderr).toContain('field "dFF" is missing');
  });

  it.concurrent('weights that load but compute something else fail the comparison: exit 1', async ({ expect }) => {
    const dir = damagedCopy();
    editWeights(dir, (tensors) =>
      tensors.map((tensor) => {
        if (tensor.name !== 'layer0/attention/output/kernel') return tensor;
        const values = Float32Array.from(tensor.values);
        values[5] += 0.05;
        return { ...tensor, values };
      }),
    );
    const result = await runPython(dir, 'check', [dir]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/FAILED .* exceeds the tolerance 0\.0001/);
  });
});

describe.skipIf(!torch.available)(
  `two DDP workers (gloo, torchrun's environment) train from a bundle (${torch.reason})`,
  () => {
    const STEPS = 3;
    // Dropout off, so the browser's trainer and PyTorch follow the same numbers and can be compared update by update.
    const spec = tinySpec(tinyModel({ attention: 'linformer', projection: 'linear', sharing: 'headwise' }));
    let start: string;
    let browserTrained: WrittenBundle;
    let out: string;
    let torchrunOut: string;
    let torchrun: Awaited<ReturnType<typeof runTorchrun>>;
    let trained: {
      worldSize: number;
      steps: number;
      losses: number[];
      gradNorms: number[];
      learningRates: number[];
      finalLoss: number;
      rankWeightsMaxDifference: number;
    };

    beforeAll(async () => {
      start = (await bundle(spec, 0, 'ddp-start')).dir;
      browserTrained = await bundle(spec, STEPS, 'ddp-browser');
      out = path.join(start, 'cluster-run');
      torchrunOut = path.join(start, 'torchrun-run');
      // The hand-started workers and torchrun's run side by side: both mostly wait on their rendezvous.
      const [workers, torchrunResult] = await Promise.all([
        runTorchrunWorkers(start, 2, ['--steps', String(STEPS), '--out', out, '--rank-weights', '--log-every', '1']),
        runTorchrun(start, 2, ['--steps', '2', '--out', torchrunOut]),
      ]);
      workers.forEach((worker, rank) => expect(worker.status, `rank ${rank}: ${worker.stderr}`).toBe(0));
      torchrun = torchrunResult;
      trained = readJson(path.join(out, 'trained.json'));
    }, 120_000);

    it('both ranks finish with bit-identical weights, and trained.json records 2 processes and finite losses', () => {
      expect(trained.worldSize).toBe(2);
      expect(trained.steps).toBe(STEPS);
      expect(trained.losses).toHaveLength(STEPS);
      expect(trained.losses.every(Number.isFinite)).toBe(true);
      expect(trained.rankWeightsMaxDifference).toBe(0);
      const [rank0, rank1] = [0, 1].map(
        (rank) =>
          readSafetensors(new Uint8Array(fs.readFileSync(path.join(out, `trained.rank${rank}.safetensors`)))).tensors,
      );
      expect(rank1.map((t) => t.name)).toEqual(rank0.map((t) => t.name));
      rank0.forEach((tensor, i) => expect(Array.from(rank1[i].values), tensor.name).toEqual(Array.from(tensor.values)));
    });

    it("follows the browser trainer's recipe: update by update the same loss and gradient norm (1e-4) and learning rate", () => {
      // The global batch is split over the two ranks and the loss normalised over all of it, so two processes take the
      // very steps one browser trainer takes from the same seed.
      expect(trained.losses.length).toBe(browserTrained.losses.length);
      trained.losses.forEach((loss, i) => {
        expect(Math.abs(loss - browserTrained.losses[i]), `loss, update ${i + 1}`).toBeLessThanOrEqual(1e-4);
        expect(
          Math.abs(trained.gradNorms[i] - browserTrained.gradNorms[i]),
          `gradient norm, update ${i + 1}`,
        ).toBeLessThanOrEqual(1e-4);
        expect(trained.learningRates[i]).toBeCloseTo(browserTrained.learningRates[i], 12);
      });
    });

    it("continues a bundle the browser trained 2 updates: its first update sees the browser's third batch and rate", async () => {
      const continued = await bundle(spec, 2, 'ddp-continued');
      const continuedOut = path.join(continued.dir, 'continued-run');
      const result = await runPython(continued.dir, 'train', [continued.dir, '--steps', '1', '--out', continuedOut]);
      expect(result.status, result.stderr).toBe(0);
      const report = readJson<typeof trained>(path.join(continuedOut, 'trained.json'));
      expect(report.steps).toBe(3);
      // The loss of an update is measured before it, on weights and a batch both sides share (the optimizer's moments,
      // which are not exported, only matter from here on).
      expect(Math.abs(report.losses[0] - browserTrained.losses[2])).toBeLessThanOrEqual(1e-4);
      expect(report.learningRates[0]).toBeCloseTo(browserTrained.learningRates[2], 12);
    });

    it("its trained weights end within 1e-5 of the browser trainer's after the same updates", () => {
      const python = readSafetensors(new Uint8Array(fs.readFileSync(path.join(out, 'trained.safetensors')))).tensors;
      const browser = new Map(
        readSafetensors(
          new Uint8Array(fs.readFileSync(path.join(browserTrained.dir, 'model.safetensors'))),
        ).tensors.map((t) => [t.name, t]),
      );
      let worst = 0;
      for (const tensor of python) {
        const other = browser.get(tensor.name)!;
        tensor.values.forEach((value, i) => (worst = Math.max(worst, Math.abs(value - other.values[i]))));
      }
      expect(worst).toBeLessThanOrEqual(1e-5);
    });

    it("trained.safetensors imports into the TypeScript encoder, whose logits then match PyTorch's for the same weights (1e-4)", async () => {
      const logitsFile = path.join(out, 'torch-logits.json');
      const result = await runPython(start, 'check', [
        start,
        '--weights',
        path.join(out, 'trained.safetensors'),
        '--logits-out',
        logitsFile,
        '--no-compare',
      ]);
      expect(result.status, result.stderr).toBe(0);
      const imported = await importBundleWeights(
        fs.readFileSync(path.join(out, 'config.json'), 'utf8'),
        new Uint8Array(fs.readFileSync(path.join(out, 'trained.safetensors'))),
      );
      if (!imported.ok) throw new Error(imported.refusal);
      try {
        await tf.setBackend('cpu');
        const reference = readJson<ReferenceBatch>(path.join(start, 'reference.json'));
        const browserLogits = await referenceLogits(imported.encoder, reference.ids, reference.padding);
        const torchLogits = readJson<{ logits: number[][][] }>(logitsFile).logits;
        expect(maxLogitDifference(browserLogits, torchLogits)).toBeLessThanOrEqual(1e-4);
        // The trained weights are not the exported ones: the logits moved away from the bundle's reference.
        expect(maxLogitDifference(browserLogits, reference.logits)).toBeGreaterThan(1e-3);
      } finally {
        imported.encoder.dispose();
      }
    });

    it("torchrun itself (--standalone, 2 processes; --redirects 1 --tee 1 for torch 1.13) takes the browser's first two updates", async () => {
      expect(torchrun.status, torchrun.stderr).toBe(0);
      const report = readJson<typeof trained>(path.join(torchrunOut, 'trained.json'));
      expect(report.worldSize).toBe(2);
      expect(report.rankWeightsMaxDifference).toBe(0);
      report.losses.forEach((loss, i) =>
        expect(Math.abs(loss - browserTrained.losses[i]), `update ${i + 1}`).toBeLessThanOrEqual(1e-4),
      );
    });
  },
);
