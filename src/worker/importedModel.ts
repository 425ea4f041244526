/**
 * Opens trained weights from a PyTorch bundle (config.json + a .safetensors, from a cluster run or exported here)
 * inside the compute worker: checked by importBundleWeights (names, dtypes, shapes, config, vocabulary against the
 * corpus's tokenizer), scored on the corpus's validation split, then offered as the trained model the spectra
 * section analyses (trainingSession.offerImportedModel) until a run starts. A refusal changes nothing: the model on
 * offer before stays, and nothing stored in the browser is touched. Refused after a GPU fault, and refused when one
 * comes while the weights are scored: a faulted GPU's perplexity is not a measurement.
 */
import { importBundleWeights, importedRunSpec, validationPerplexity } from '../lib/export';
import { parameterCount } from '../lib/model/encoder';
import { prepareCorpus } from './corpusCache';
import { currentGpuFault, guardGpuStep } from './gpuFault';
import type { ImportWeightsOutcome, ImportWeightsRequest } from './torchBundleTypes';
import { offerImportedModel } from './trainingSession';
import { newRecordId } from '../lib/storage/recordId';

let importing = false;

export async function importTrainedWeights(
  request: ImportWeightsRequest,
  backend: string,
): Promise<ImportWeightsOutcome> {
  if (importing) return { ok: false, refusal: 'Weights are already being opened; wait for them.' };
  const fault = currentGpuFault();
  if (fault) return { ok: false, refusal: fault.message };
  importing = true;
  try {
    const outcome = await importBundleWeights(request.configText, request.weights, {
      tokenizerVocabSize: async (config) => (await prepareCorpus(config.corpus, config.tokenizer)).tokenizer.vocabSize,
    });
    if (!outcome.ok) return outcome;
    const { encoder, config } = outcome;
    try {
      const spec = importedRunSpec(config);
      const corpus = await prepareCorpus(config.corpus, config.tokenizer);
      const { loss, perplexity } = await guardGpuStep(() => validationPerplexity(encoder, corpus, spec));
      const id = newRecordId('imported');
      const label = `${request.weightsName} (${config.model.attention}${config.model.attention === 'linformer' ? `, ${config.model.projection}` : ''}, n = ${config.model.seqLen}, ${config.steps} steps)`;
      try {
        offerImportedModel({ id, spec, steps: config.steps, model: encoder });
      } catch (error) {
        encoder.dispose();
        return { ok: false, refusal: error instanceof Error ? error.message : String(error) };
      }
      return {
        ok: true,
        info: {
          id,
          label,
          corpus: config.corpus,
          tokenizer: config.tokenizer,
          steps: config.steps,
          config: { ...config.model, kPerLayer: [...config.model.kPerLayer] },
          parameters: parameterCount(encoder).total,
          validationLoss: loss,
          validationPerplexity: perplexity,
          backend,
        },
      };
    } catch (error) {
      encoder.dispose();
      return {
        ok: false,
        refusal: `The weights were read but could not be scored: ${error instanceof Error ? error.message : String(error)}`,
      };
    }
  } catch (error) {
    // E.g. the corpus files could not be loaded to check the vocabulary.
    return { ok: false, refusal: error instanceof Error ? error.message : String(error) };
  } finally {
    importing = false;
  }
}
