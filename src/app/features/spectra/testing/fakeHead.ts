/**
 * Test support only (headViewData.test.ts, HeadView.dom.test.ts): a head as the worker's headAttention returns it,
 * built without the worker: a seeded softmax matrix over the characters of a text, and its real SVD.
 */
import { jacobiSvd } from '../../../../lib/numerics/jacobiSvd';
import { softmaxRows } from '../../../../lib/numerics/testMatrices';
import { createRng } from '../../../../lib/random';
import { defaultSettings } from '../../../settings/schema';
import type { HeadAttentionResult } from '../../../../worker/headTypes';

/** n × cols attention (n = text.length) for layer 2, head 1, sequence 3 of 8; position 2 is masked (█). */
export function fakeHead(text: string, cols: number, attention: 'standard' | 'linformer' = 'standard'): HeadAttentionResult {
  const n = text.length;
  const data = Float32Array.from(softmaxRows(n, cols, 2, createRng(n + cols)));
  const tokens = Array.from(text);
  return {
    source: 'initialised',
    corpus: 'moby-dick',
    tokenizer: 'char',
    config: { ...defaultSettings(), attention, kPerLayer: [cols, cols], seqLen: n, layers: 2, heads: 2, vocabSize: 40 } as never,
    layer: 1,
    head: 0,
    sequence: 2,
    samples: 8,
    rows: n,
    cols,
    data,
    svd: jacobiSvd(data, n, cols),
    tokens: tokens.map((t, i) => (i === 1 ? '█' : t)),
    originals: tokens,
    predicted: tokens.map((_, i) => i === 1),
    backend: 'cpu',
    timing: { attentionMs: 1, svdMs: 1 },
  };
}
