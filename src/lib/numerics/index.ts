/** Numerics: singular values of real matrices (through the Gram matrix) and the measures drawn from a spectrum. */
export { singularValues, singularValuesFromGram } from './singularValues';
export { gramMatrix } from './gramMatrix';
export { symmetricEigenvalues } from './symmetricEigenvalues';
export { effectiveRank, meaningfulTailIndex, normalizedCumulative, rankKRelativeError } from './spectrumMetrics';
export { jacobiSvd, type SingularValueDecomposition } from './jacobiSvd';
export { lowRankApproximation, rankErrors, relativeFrobeniusError, type MatrixBlock } from './lowRank';
export type { RealArray } from './matrixArguments';
