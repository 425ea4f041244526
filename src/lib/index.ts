/**
 * Linformer Lab's framework-free core. Everything here runs under Node (tfjs cpu backend) and in the compute
 * worker; nothing imports React, stores or the DOM.
 *
 * This index gathers the core for scripts and the worker. The page (src/app) imports the modules it needs by path
 * instead, deliberately: most folders here re-export tfjs code, and the page must not load tfjs, which only the
 * worker runs; a path names exactly the tfjs-free module it wants (types, settings tables, pure functions).
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
export * from './experiments';
export * from './export';
