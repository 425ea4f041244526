/**
 * The results-file reader in a worker of its own, so thousands of results are parsed and checked off the page's
 * thread (shared/storage/offThreadRead.ts). It loads the results file's schema only: no tfjs, no stores.
 */
import { exposeFileReader } from '../../shared/storage/offThreadRead';
import { readFineTuneFile } from './finetuneFile';

exposeFileReader(readFineTuneFile);
