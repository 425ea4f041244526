/**
 * "Open trained weights (config.json + .safetensors)": a PyTorch bundle's config and weights (from a cluster run's
 * trained.safetensors, or a bundle exported here) become the trained model this section analyses, with its validation
 * perplexity measured on the corpus's validation text. The worker checks names, shapes and settings first and
 * refuses any mismatch with a message naming the tensor or field (importedWeightsStore.ts).
 */
import { useId } from 'react';
import { ActionMessage } from '../../shared/forms/ActionMessage';
import { useImportedWeightsStore } from './importedWeightsStore';
import { useSpectraStore } from './spectraStore';

export function ImportWeights({ disabled }: { disabled: boolean }) {
  const id = useId();
  const { imported, busy, message, open } = useImportedWeightsStore();
  return (
    <div className="import-weights" data-testid="import-weights">
      <span className="field inline">
        <label htmlFor={id}>Open trained weights (config.json + .safetensors)</label>
        <input
          id={id}
          type="file"
          multiple
          accept=".json,.safetensors,application/json"
          aria-describedby={`${id}-help`}
          disabled={disabled || busy}
          onChange={(e) => {
            const input = e.currentTarget;
            const files = [...(input.files ?? [])];
            void open(files)
              .then((opened) => {
                // Opened weights are what the next analysis is of.
                if (opened) useSpectraStore.getState().setSource('trained');
              })
              .finally(() => (input.value = ''));
          }}
        />
      </span>
      <p id={`${id}-help`} className="field-help import-weights-help">
        Pick both files at once: a bundle&apos;s config.json (from &ldquo;Export for PyTorch&rdquo; in the run history,
        or <code>npm run export:torch</code>) and its model.safetensors or the trained.safetensors a{' '}
        <code>torchrun</code> run wrote. They replace the trained model analysed here until the next run starts; nothing
        saved is changed.
      </p>
      <ActionMessage message={message} testId="import-weights-message" />
      {imported && (
        <p className="muted" data-testid="imported-weights">
          Trained model analysed: {imported.label}, {imported.parameters.toLocaleString('en')} weights, validation
          perplexity <strong data-testid="imported-perplexity">{imported.validationPerplexity.toFixed(3)}</strong>.
        </p>
      )}
    </div>
  );
}
