/**
 * Dev accuracy of one fine-tune on a labelled sentence set, in Node (tfjs cpu backend), beside the
 * majority-class baseline: used to pick settings the browser run can afford and that beat the baseline with
 * margin. Optionally pretrains by masked-LM on Moby-Dick first (the app's "trained model" start).
 *
 * Run: npx tsx scripts/bench-finetune.ts [--data uci-sentiment|imdb-sample] [--steps 150] [--lr 0.003]
 *        [--batch 8] [--n 32] [--d 32] [--ff 64] [--layers 1] [--heads 2] [--attention standard|linformer]
 *        [--k 8] [--pooling mean|first] [--pretrain 0] [--seed 1]
 * Needs `npm run data` first. scripts/bench-pretraining.ts compares with and without pretraining.
 */
import type { AttentionKind, Pooling } from '../src/lib';
import { benchModel, fineTuneScore, loadBenchData, option, pretrain, startBenchBackend } from './finetuneBench';

async function main(): Promise<void> {
  await startBenchBackend();
  const data = loadBenchData(option('data', 'uci-sentiment'));
  const n = Number(option('n', '32'));
  const seed = Number(option('seed', '1'));
  const attention = option('attention', 'standard') as AttentionKind;
  const model = benchModel(data, attention, n, Number(option('k', '8')), seed);
  const pretrainSteps = Number(option('pretrain', '0'));
  if (pretrainSteps > 0) {
    const started = performance.now();
    const { perplexity, floor } = await pretrain(model, data, pretrainSteps, seed);
    console.log(`pretrain step ${pretrainSteps}: validation perplexity ${perplexity.toFixed(2)} (context-blind floor ${floor.toFixed(2)})`);
    console.log(`pretraining: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  const steps = Number(option('steps', '150'));
  const score = await fineTuneScore(model, data, {
    steps,
    learningRate: Number(option('lr', '0.003')),
    batchSize: Number(option('batch', '8')),
    pooling: option('pooling', 'mean') as Pooling,
    seed,
    onProgress: (step, loss, accuracy) =>
      console.log(`step ${step}: loss ${loss.toFixed(3)}, train batch accuracy (last 50) ${accuracy.toFixed(3)}`),
  });
  console.log(
    `${data.dataset.id}: train ${score.trainCount}, dev ${score.devCount} (${score.devTruncated} cut to n − 1 = ${n - 1} characters); ` +
      `${steps} steps in ${score.seconds.toFixed(1)} s`,
  );
  console.log(
    `dev accuracy ${(score.devAccuracy * 100).toFixed(1)}%  |  majority baseline ${(score.majorityAccuracy * 100).toFixed(1)}%`,
  );
  model.dispose();
}

void main();
