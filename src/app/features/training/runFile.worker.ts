/**
 * The run-file reader in a worker of its own, so a large file is parsed and checked off the page's thread
 * (shared/storage/offThreadRead.ts). It loads the run file's schema only: no tfjs, no stores.
 */
import { exposeFileReader } from '../../shared/storage/offThreadRead';
import { readRunFile } from './runFile';

exposeFileReader(readRunFile);
