/**
 * One preset run in Node, recorded exactly as the app records a run (RunRecord, one training point per step,
 * validation every evalInterval and at the end), so the file it becomes imports into the app unchanged.
 */
import * as tf from '@tensorflow/tfjs';
import { encodeCorpus, type EncodedCorpus } from '../../src/lib/data/encodedCorpus';
import type { CorpusId } from '../../src/lib/data/corpora';
import { prepareTrainingRun } from '../../src/lib/experiments/prepareTrainingRun';
import { appendReport, describeRun, type RunRecord } from '../../src/app/features/training/runRecord';
import type { ExperimentSettings } from '../../src/app/settings/schema';
import { toRunSpec } from '../../src/app/settings/toRunSpec';
import { readPreparedBpeTokenizer, readPreparedCorpus } from './preparedData';
import type { TokenizerKind } from '../../src/lib/experiments/runSpec';

const corpora = new Map<string, EncodedCorpus>();

function corpus(id: CorpusId, tokenizer: TokenizerKind): EncodedCorpus {
  const key = `${id} ${tokenizer}`;
  let encoded = corpora.get(key);
  if (!encoded) {
    encoded = encodeCorpus(
      id,
      readPreparedCorpus(id),
      tokenizer === 'bpe512' ? readPreparedBpeTokenizer(id) : undefined,
    );
    corpora.set(key, encoded);
  }
  return encoded;
}

export interface NodeRunContext {
  appVersion: string;
  adapter: string | null;
  /** Called after every step with the step number. */
  progress?: (step: number) => void;
  /** Stop after this many steps (used to time a backend); the record is then 'stopped'. */
  maxSteps?: number;
}

export async function runInNode(settings: ExperimentSettings, context: NodeRunContext): Promise<RunRecord> {
  const spec = toRunSpec(settings);
  const { model, trainer, info } = prepareTrainingRun(corpus(settings.corpus, settings.tokenizer), spec);
  let record: RunRecord = {
    id: `node-${settings.seed}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
    label: describeRun(settings),
    settings,
    startedAt: new Date().toISOString(),
    backend: tf.getBackend(),
    adapter: context.adapter,
    appVersion: context.appVersion,
    status: 'running',
    info,
    training: [],
    validation: [],
  };
  try {
    const steps = Math.min(spec.train.totalSteps, context.maxSteps ?? Infinity);
    for (let step = 1; step <= steps; step++) {
      record = appendReport(record, await trainer.step());
      context.progress?.(step);
    }
    return { ...record, status: steps === spec.train.totalSteps ? 'finished' : 'stopped' };
  } finally {
    trainer.dispose();
    model.dispose();
  }
}
