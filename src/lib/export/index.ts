/** The PyTorch bundle (./README.md): safetensors, config.json, the reference batch, export and import. */
export * from './safetensors';
export * from './bundleConfig';
export * from './referenceBatch';
export * from './tokenizerFile';
export { bundleReadme } from './bundleReadme';
export { exportBundle, type BundleFile, type ExportBundleInput, type PythonSourceFile } from './exportBundle';
export { importBundleWeights, type ImportOptions, type ImportOutcome } from './importBundleWeights';
export { sha256Hex } from './sha256';
export { validationPerplexity } from './bundlePerplexity';
