/**
 * Dev accuracy of a fine-tune on a labelled sentence set, in Node (tfjs cpu backend), beside the
 * majority-class baseline: used to pick settings the browser run can afford and that beat the baseline with
 * margin. Optionally pretrains by masked-LM on Moby-Dick first (the app's "trained model" start).
 *
 * Run: npx tsx scripts/bench-finetune.ts [--data uci-sentiment|imdb-sample] [--steps 150] [--lr 0.003]
 *        [--batch 8] [--n 32] [--d 32] [--ff 64] [--layers 1] [--heads 2] [--attention standard|linformer]
 *        [--k 8] [--pooling mean|first] [--pretrain 0] [--seed 1]
 * Needs `npm run data` first.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import {
  buildCharTokenizer,
  copyEncoder,
  createEncoder,
  defaultTrainConfig,
  encodeExamples,
  FineTuner,
  majorityBaseline,
  MlmDataSource,
  parseClassificationDataset,
  splitClassification,
  Trainer,
  type Pooling,
} from '../src/lib';

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && process.argv[at + 1] ? process.argv[at + 1] : fallback;
}

async function main(): Promise<void> {
  await tf.setBackend('cpu');
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const dataId = option('data', 'uci-sentiment');
  const dataset = parseClassificationDataset(
    JSON.parse(fs.readFileSync(path.join(root, 'public', 'data', `${dataId}.json`), 'utf8')),
  );
  const corpus = fs.readFileSync(path.join(root, 'public', 'data', 'moby-dick.txt'), 'utf8');
  const tokenizer = buildCharTokenizer(corpus);
  const layers = Number(option('layers', '1'));
  const n = Number(option('n', '32'));
  const seed = Number(option('seed', '1'));
  const model = createEncoder({
    layers,
    heads: Number(option('heads', '2')),
    dModel: Number(option('d', '32')),
    dFF: Number(option('ff', '64')),
    seqLen: n,
    vocabSize: tokenizer.vocabSize,
    dropout: 0,
    attention: option('attention', 'standard') as 'standard' | 'linformer',
    sharing: 'none',
    projection: 'linear',
    kPerLayer: Array.from({ length: layers }, () => Number(option('k', '8'))),
    seed,
  });
  const pretrainSteps = Number(option('pretrain', '0'));
  if (pretrainSteps > 0) {
    const ids = tokenizer.encode(corpus);
    const cut = Math.floor(ids.length * 0.9);
    const data = new MlmDataSource({
      ids: ids.subarray(0, cut),
      validationIds: ids.subarray(cut),
      tokenizer,
      seqLen: n,
      batchSize: 8,
      seed,
    });
    const trainer = new Trainer(
      model,
      data,
      defaultTrainConfig({
        learningRate: 5e-3,
        totalSteps: pretrainSteps,
        warmupSteps: 30,
        evalInterval: pretrainSteps,
        seed,
      }),
    );
    const started = performance.now();
    for (let i = 0; i < pretrainSteps; i++) {
      const report = await trainer.step();
      if (report.validation)
        console.log(`pretrain step ${report.step}: validation perplexity ${report.validation.perplexity.toFixed(2)}`);
    }
    console.log(`pretraining: ${((performance.now() - started) / 1000).toFixed(1)} s`);
    trainer.dispose();
  }
  const split = splitClassification(dataset.labels);
  const pick = (indices: number[]) =>
    encodeExamples(
      tokenizer,
      indices.map((i) => dataset.texts[i]),
      indices.map((i) => dataset.labels[i]),
      n,
    );
  const train = pick(split.train);
  const dev = pick(split.dev);
  const baseline = majorityBaseline(train.labels, dev.labels);
  const encoder = copyEncoder(model);
  const steps = Number(option('steps', '150'));
  const tuner = new FineTuner(encoder, train, {
    pooling: option('pooling', 'mean') as Pooling,
    classes: dataset.classes.length,
    batchSize: Number(option('batch', '8')),
    totalSteps: steps,
    learningRate: Number(option('lr', '0.003')),
    seed,
  });
  const started = performance.now();
  let recent = 0;
  for (let i = 0; i < steps; i++) {
    const report = await tuner.step();
    recent += report.batchAccuracy;
    if (report.step % 50 === 0) {
      console.log(
        `step ${report.step}: loss ${report.loss.toFixed(3)}, train batch accuracy (last 50) ${(recent / 50).toFixed(3)}`,
      );
      recent = 0;
    }
  }
  const seconds = (performance.now() - started) / 1000;
  const evaluation = await tuner.evaluate(dev);
  console.log(
    `${dataId}: train ${train.count}, dev ${dev.count} (${dev.truncated} cut to n − 1 = ${n - 1} characters); ` +
      `${steps} steps in ${seconds.toFixed(1)} s`,
  );
  console.log(
    `dev accuracy ${(evaluation.accuracy * 100).toFixed(1)}%  |  majority baseline ${(baseline.accuracy * 100).toFixed(1)}%`,
  );
  tuner.dispose();
  encoder.dispose();
  model.dispose();
}

void main();
