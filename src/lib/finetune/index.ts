/** Fine-tuning an encoder on sentence classification (the paper's Table 2 at browser scale). */
export {
  CLASSIFICATION_DATASETS,
  classificationDatasetById,
  isClassificationDatasetId,
  loadClassificationDataset,
  parseClassificationDataset,
  type ClassificationDataset,
  type ClassificationDatasetDescriptor,
  type ClassificationDatasetId,
} from './classificationDataset';
export { DEFAULT_SPLIT, splitClassification, type ClassificationSplit } from './split';
export { encodeExamples, selectRows, type EncodedExamples } from './encodeExamples';
export { accuracy, argmaxRows, majorityBaseline } from './accuracy';
export {
  POOLINGS,
  classificationLoss,
  classifierLogits,
  createClassifierHead,
  poolHidden,
  type ClassifierHead,
  type ClassifierInput,
  type Pooling,
} from './classifier';
export { copyEncoder, encoderBodyVariables } from './copyEncoder';
export {
  FineTuner,
  fineTuneConfigProblems,
  type FineTuneConfig,
  type FineTuneEvaluation,
  type FineTuneStep,
} from './fineTuner';
export { PAPER_TABLE_2, type PaperTable2Row } from './paperTable2';
