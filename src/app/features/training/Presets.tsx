import { useState } from 'react';
import { PRESETS, presetById, type PresetId } from './presets';
import { usePresetQueueStore } from './presetQueueStore';
import { PresetPanel } from './PresetPanel';

/**
 * The paper's Figure 3 comparisons: choosing one shows its configurations, its two sizes with their estimated
 * time on this backend, the queue that runs them all over seeds, and the figure and verdict from the runs done.
 */
export function Presets({ disabled }: { disabled: boolean }) {
  const queued = usePresetQueueStore((s) => s.queue?.presetId ?? null);
  const lastQueued = usePresetQueueStore((s) => s.lastPresetId);
  const [picked, setPicked] = useState<PresetId | null>(null);
  // A queue resumed after a reload shows its own preset, and keeps showing it (with its verdict) when it ends.
  const chosen = presetById(queued ?? picked ?? lastQueued ?? '');

  return (
    <section className="presets" aria-labelledby="presets-title">
      <h3 id="presets-title">Presets: the paper&apos;s comparisons, run over seeds and judged</h3>
      <div className="preset-buttons">
        {PRESETS.map((preset) => (
          <button
            key={preset.id}
            type="button"
            aria-pressed={chosen?.id === preset.id}
            disabled={queued !== null && queued !== preset.id}
            onClick={() => setPicked(preset.id)}
          >
            {preset.title}
          </button>
        ))}
      </div>
      {chosen && <PresetPanel key={chosen.id} preset={chosen} disabled={disabled} />}
    </section>
  );
}
