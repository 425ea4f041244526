/**
 * The PyTorch bundle of a run, written inside the compute worker (the only owner of tfjs and of trained weights):
 * the run's current weights when it is the model the worker holds (the current or last run of this session, or the
 * one kept from an earlier session), else the run's settings with its initial weights — and the answer says which.
 * Refused after a GPU fault, and discarded when one comes while it is written: the reference logits are computed
 * here, and a faulted GPU's would be shown to PyTorch as the browser's.
 */
import { loadCorpusText } from '../lib/data/corpora';
import { exportBundle } from '../lib/export';
import { pythonPackage } from '../lib/export/pythonPackage.browser';
import { createEncoder } from '../lib/model/encoder';
import { prepareCorpus } from './corpusCache';
import { guardGpuStep, throwIfGpuFault } from './gpuFault';
import type { TorchExportRequest, TorchExportResult } from './torchBundleTypes';
import { heldRun, restoreSavedModel } from './trainingSession';

let exporting = false;

export async function exportTorchBundle(request: TorchExportRequest): Promise<TorchExportResult> {
  if (exporting) throw new Error('An export is already being written; wait for it.');
  throwIfGpuFault();
  exporting = true;
  try {
    await restoreSavedModel();
    const held = heldRun(request.runId);
    if (held?.busy)
      throw new Error('This run is training: pause or stop it, then export (its weights change every step).');
    const spec = held ? held.spec : request.spec;
    const corpus = await prepareCorpus(spec.corpus, spec.tokenizer);
    const base = new URL(import.meta.env.BASE_URL, self.location.href);
    const corpusText = await loadCorpusText(spec.corpus, base);
    const model = held?.model ?? createEncoder({ ...spec.model, vocabSize: corpus.tokenizer.vocabSize });
    try {
      const steps = held ? held.steps : 0;
      const files = await guardGpuStep(() =>
        exportBundle({
          spec,
          settingsQuery: request.settingsQuery,
          createdBy: request.createdBy,
          corpusText,
          corpus,
          model,
          steps,
          python: pythonPackage(),
        }),
      );
      // The run can be resumed while the bundle is written (the page does not wait for it); an update in between
      // would leave reference.json's logits computed from other weights than model.safetensors holds.
      const after = heldRun(request.runId);
      if (held && (after?.steps !== steps || after.busy))
        throw new Error('The run trained while its bundle was being written; pause it and export again.');
      return { files, trainedWeights: held !== null, steps };
    } finally {
      if (!held) model.dispose();
    }
  } finally {
    exporting = false;
  }
}
