/**
 * Does masked-LM pretraining help the fine-tune at browser scale? For each attention kind and seed, one model is
 * built; a copy of it at initialisation is fine-tuned ("no pretraining"), then the model is pretrained on
 * Moby-Dick and a copy of that is fine-tuned with the same settings, so the two differ only by the pretraining.
 * Prints a markdown table with the MLM validation perplexity beside the context-blind floor on the same positions:
 * a model above the floor has not shown that it uses context, so its "pretrained" column says nothing about
 * whether pretraining helps. Node, tfjs wasm backend (or --backend cpu); needs `npm run data` first.
 *
 * Run: npm run bench:pretraining -- [--n 16] [--k 4] [--d 32] [--ff 64] [--layers 1] [--heads 2]
 *        [--pretrain 2000] [--steps 200] [--lr 0.01] [--batch 16] [--seeds 1,2] [--data uci-sentiment] [--backend wasm|cpu]
 */
import type { AttentionKind } from '../src/lib';
import { benchModel, fineTuneScore, loadBenchData, option, pretrain, startBenchBackend } from './finetuneBench';

const percent = (fraction: number) => `${(fraction * 100).toFixed(1)}%`;

async function main(): Promise<void> {
  const backend = await startBenchBackend();
  const data = loadBenchData(option('data', 'uci-sentiment'));
  const n = Number(option('n', '16'));
  const k = Number(option('k', '4'));
  const layers = Number(option('layers', '1'));
  const pretrainSteps = Number(option('pretrain', '2000'));
  const seeds = option('seeds', '1,2').split(',').map(Number);
  const fineTune = {
    steps: Number(option('steps', '200')),
    learningRate: Number(option('lr', '0.01')),
    batchSize: Number(option('batch', '16')),
    pooling: 'mean' as const,
  };
  console.log(
    `${data.dataset.id}; ${layers} layer(s), d = ${option('d', '32')}, n = ${n}; fine-tune ${fineTune.steps} steps, ` +
      `batch ${fineTune.batchSize}, lr ${fineTune.learningRate}, mean pooling; pretraining ${pretrainSteps} MLM steps on Moby-Dick; ${backend} backend\n`,
  );
  console.log('| model | seed | no pretraining | pretrained | MLM validation perplexity | context-blind floor | majority class |');
  console.log('|---|---|---|---|---|---|---|');
  for (const attention of ['standard', 'linformer'] as AttentionKind[]) {
    for (const seed of seeds) {
      const model = benchModel(data, attention, n, k, seed);
      try {
        const fresh = await fineTuneScore(model, data, { ...fineTune, seed });
        const { perplexity, floor } = await pretrain(model, data, pretrainSteps, seed);
        const trained = await fineTuneScore(model, data, { ...fineTune, seed });
        const name = attention === 'standard' ? 'standard' : `Linformer k = ${k}`;
        console.log(
          `| ${name} | ${seed} | ${percent(fresh.devAccuracy)} | ${percent(trained.devAccuracy)} | ${perplexity.toFixed(2)} | ${floor.toFixed(2)} | ${percent(trained.majorityAccuracy)} |`,
        );
      } finally {
        model.dispose();
      }
    }
  }
}

void main();
