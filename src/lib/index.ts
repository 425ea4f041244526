/**
 * Linformer Lab's framework-free core. Everything here runs under Node (tfjs cpu backend) and in the compute
 * worker; nothing imports React, stores or the DOM. Apps and tests import from this file, not from deep paths.
 */
export * from './model';
export * from './train';
export * from './data';
export * from './numerics';
export * from './spectra';
export * from './efficiency';
export { createRng, shuffleInPlace, type Rng } from './random';
export {
  BACKEND_ORDER,
  SPEED_NOTES,
  isBackendName,
  type AdapterDescription,
  type BackendName,
  type BackendReport,
} from './backend/backendReport';
export * from './efficiency/measure';
export * from './finetune';
