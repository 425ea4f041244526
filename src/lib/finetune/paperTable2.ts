/**
 * The paper's Table 2 (dev accuracy after fine-tuning RoBERTa-base-sized models pretrained on BookCorpus and
 * Wikipedia), for the SST-2 and IMDB columns the two sentence sets here stand in for. Reference figures from
 * 12-layer models trained on 64 V100s: shown beside, never in place of, what the browser measures.
 */
export interface PaperTable2Row {
  n: number;
  model: string;
  /** null for the Transformer. */
  k: number | null;
  sharing: 'none' | 'kv' | 'kv + layerwise';
  sst2: number;
  imdb: number;
}

export const PAPER_TABLE_2: readonly PaperTable2Row[] = [
  { n: 512, model: 'RoBERTa-base (standard)', k: null, sharing: 'none', sst2: 93.1, imdb: 94.1 },
  { n: 512, model: 'Linformer', k: 128, sharing: 'none', sst2: 92.4, imdb: 94.0 },
  { n: 512, model: 'Linformer', k: 128, sharing: 'kv', sst2: 93.4, imdb: 93.4 },
  { n: 512, model: 'Linformer', k: 128, sharing: 'kv + layerwise', sst2: 93.2, imdb: 93.8 },
  { n: 512, model: 'Linformer', k: 256, sharing: 'none', sst2: 93.2, imdb: 94.0 },
  { n: 512, model: 'Linformer', k: 256, sharing: 'kv', sst2: 93.3, imdb: 93.6 },
  { n: 512, model: 'Linformer', k: 256, sharing: 'kv + layerwise', sst2: 93.1, imdb: 94.1 },
  { n: 1024, model: 'Linformer', k: 256, sharing: 'none', sst2: 93.0, imdb: 93.8 },
  { n: 1024, model: 'Linformer', k: 256, sharing: 'kv + layerwise', sst2: 93.2, imdb: 94.2 },
];
