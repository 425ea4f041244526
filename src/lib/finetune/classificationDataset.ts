/**
 * Labelled sentence sets for fine-tuning, as `npm run data` writes them to public/data/ and the app fetches
 * them. The format is columnar (texts[i] has labels[i]) so a few thousand examples stay a small file.
 */

export type ClassificationDatasetId = 'uci-sentiment' | 'imdb-sample';

export interface ClassificationDatasetDescriptor {
  id: ClassificationDatasetId;
  /** Under public/data/. */
  file: string;
  title: string;
  /** The paper's Table 2 column this set stands in for. */
  paperColumn: 'SST-2' | 'IMDB';
}

export const CLASSIFICATION_DATASETS: readonly ClassificationDatasetDescriptor[] = [
  { id: 'uci-sentiment', file: 'uci-sentiment.json', title: 'UCI sentiment sentences', paperColumn: 'SST-2' },
  { id: 'imdb-sample', file: 'imdb-sample.json', title: 'IMDB review sample', paperColumn: 'IMDB' },
];

export function isClassificationDatasetId(value: unknown): value is ClassificationDatasetId {
  return CLASSIFICATION_DATASETS.some((dataset) => dataset.id === value);
}

export function classificationDatasetById(id: ClassificationDatasetId): ClassificationDatasetDescriptor {
  const found = CLASSIFICATION_DATASETS.find((dataset) => dataset.id === id);
  if (!found) throw new Error(`Unknown classification dataset ${JSON.stringify(id)}.`);
  return found;
}

export interface ClassificationDataset {
  formatVersion: 1;
  id: ClassificationDatasetId;
  /** Class names; label i means classes[i]. */
  classes: string[];
  texts: string[];
  labels: number[];
  /** Where the examples come from and what was done to them, for the page and for citation. */
  source: { package: string; version: string; files: string; licence: string; selection: string };
}

/** Checks a fetched file's shape and contents, naming the first problem found. */
export function parseClassificationDataset(json: unknown): ClassificationDataset {
  if (typeof json !== 'object' || json === null) throw new Error('A classification dataset must be a JSON object.');
  const data = json as Partial<ClassificationDataset>;
  if (data.formatVersion !== 1)
    throw new Error(`Unsupported classification dataset format ${String(data.formatVersion)}.`);
  if (!isClassificationDatasetId(data.id))
    throw new Error(`Unknown classification dataset id ${JSON.stringify(data.id)}.`);
  if (!Array.isArray(data.classes) || data.classes.length < 2)
    throw new Error('A classification dataset needs at least two classes.');
  if (!Array.isArray(data.texts) || !Array.isArray(data.labels) || data.texts.length !== data.labels.length) {
    throw new Error('A classification dataset needs texts and labels of equal length.');
  }
  const classCount = data.classes.length;
  data.labels.forEach((label, i) => {
    if (!Number.isInteger(label) || label < 0 || label >= classCount)
      throw new Error(`Example ${i} has label ${label}, outside 0…${classCount - 1}.`);
    if (typeof data.texts![i] !== 'string' || data.texts![i].length === 0) throw new Error(`Example ${i} has no text.`);
  });
  if (typeof data.source !== 'object' || data.source === null)
    throw new Error('A classification dataset must name its source.');
  return data as ClassificationDataset;
}

/** Fetches and checks a prepared dataset from the app's own origin. */
export async function loadClassificationDataset(
  id: ClassificationDatasetId,
  base: URL,
): Promise<ClassificationDataset> {
  const url = new URL(`data/${classificationDatasetById(id).file}`, base);
  const response = await fetch(url);
  if (!response.ok) throw new Error(`Could not load ${url.pathname} (HTTP ${response.status}); run \`npm run data\`.`);
  return parseClassificationDataset(await response.json());
}
