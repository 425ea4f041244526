import { useState } from 'react';
import { PRESETS, presetSettings, sameExperiment, type Preset } from './presets';
import { useExperimentStore } from '../../settings/experimentStore';
import { useHistoryStore } from './historyStore';

/**
 * The paper's Figure 3 comparisons, one click each: a preset loads the first run's settings and lists the
 * runs to make; each is one more click to load, then "Start run". Finished runs stay overlaid.
 */
export function Presets({ disabled }: { disabled: boolean }) {
  const [chosen, setChosen] = useState<Preset | null>(null);
  const settings = useExperimentStore((s) => s.settings);
  const replaceAll = useExperimentStore((s) => s.replaceAll);
  const history = useHistoryStore((s) => s.runs);

  const load = (preset: Preset, index: number) => replaceAll(presetSettings(preset, index), 'push');

  return (
    <section className="presets" aria-labelledby="presets-title">
      <h3 id="presets-title">Presets: the paper&apos;s comparisons at browser scale</h3>
      <div className="preset-buttons">
        {PRESETS.map((preset) => (
          <button
            key={preset.id}
            type="button"
            aria-pressed={chosen?.id === preset.id}
            disabled={disabled}
            onClick={() => {
              setChosen(preset);
              load(preset, 0);
            }}
          >
            {preset.title}
          </button>
        ))}
      </div>
      {chosen && (
        <div className="preset-plan" data-testid="preset-plan">
          <p>
            <strong>{chosen.question}</strong> Runs to make, one after another (each takes a few minutes on a laptop
            GPU; far longer on a software renderer). Load one, press <em>Start run</em>; finished runs stay on the
            figure.
          </p>
          <ol>
            {chosen.runs.map((run, index) => {
              const target = presetSettings(chosen, index);
              const loaded = sameExperiment(settings, target);
              const done = history.some((r) => r.status === 'finished' && sameExperiment(r.settings, target));
              return (
                <li key={run.label}>
                  <button
                    type="button"
                    disabled={disabled || loaded}
                    aria-label={`Load run: ${run.label}`}
                    onClick={() => load(chosen, index)}
                  >
                    {loaded ? 'Loaded' : 'Load'}
                  </button>{' '}
                  {run.label}
                  {done && <span className="good-text"> · finished run in history</span>}
                </li>
              );
            })}
          </ol>
          <p className="muted">
            Paper: {chosen.paper} These runs are tiny (2 layers, 64 wide, 300 steps on Moby-Dick characters), so expect
            the direction of the effect, not the paper&apos;s numbers.
          </p>
        </div>
      )}
    </section>
  );
}
