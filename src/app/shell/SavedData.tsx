import { useEffect, useRef, useState } from 'react';
import { describeError } from '../shared/format/describeError';
import { clearSavedData } from '../shared/storage/clearSavedData';

interface Props {
  /** Clears what the app saved (tests pass their own). */
  clear?: () => Promise<void>;
  /** Starts the page again from the emptied stores, so every section shows its empty state. */
  reload?: () => void;
}

type Phase = 'idle' | 'confirm' | 'clearing' | 'failed';

/**
 * The page footer's "Where your data lives": what the app keeps, where, and a way to clear it. Clearing asks first,
 * inline (a "Clear / Keep" pair that takes focus on Keep, the safe answer), not with window.confirm, which blocks
 * the page and cannot be styled or tested; then it reloads the page, since every section reads its stores on load.
 */
export function SavedData({ clear = clearSavedData, reload = () => window.location.reload() }: Props) {
  const [phase, setPhase] = useState<Phase>('idle');
  const [error, setError] = useState('');
  const keepButton = useRef<HTMLButtonElement>(null);
  const openButton = useRef<HTMLButtonElement>(null);
  // Focus follows the question: onto Keep when it is asked, back onto the button that asked it when kept.
  const asked = useRef(false);
  useEffect(() => {
    if (phase === 'confirm') keepButton.current?.focus();
    else if (phase === 'idle' && asked.current) openButton.current?.focus();
    asked.current = phase === 'confirm';
  }, [phase]);

  const confirm = async () => {
    setPhase('clearing');
    try {
      await clear();
      reload();
    } catch (e) {
      setError(describeError(e));
      setPhase('failed');
    }
  };

  return (
    <section className="saved-data" aria-labelledby="saved-data-title" data-testid="saved-data">
      <h2 id="saved-data-title">Where your data lives</h2>
      <p>
        Runs in the history, fine-tune results and the weights of the latest four trained models (so that the
        spectra and fine-tuning can still use them after a reload) are kept in this browser&apos;s IndexedDB; which runs the figures show
        and a queued preset are kept in its localStorage. The settings live in the page&apos;s address, so a link
        carries them. Nothing leaves this machine: training, analysis and timing run in this tab, and the texts and
        sentence sets are files served by the app itself.
      </p>
      {phase === 'confirm' || phase === 'clearing' ? (
        <div className="saved-data-confirm" role="group" aria-labelledby="saved-data-question">
          <span id="saved-data-question">
            Are you sure? This deletes every saved run, fine-tune result and the kept trained models in this browser, and cannot be undone.
          </span>
          <button type="button" className="danger" disabled={phase === 'clearing'} onClick={() => void confirm()}>
            Clear
          </button>
          <button type="button" ref={keepButton} disabled={phase === 'clearing'} onClick={() => setPhase('idle')}>
            Keep
          </button>
          {phase === 'clearing' && <span role="status">Clearing…</span>}
        </div>
      ) : (
        <button type="button" ref={openButton} aria-describedby="saved-data-help" onClick={() => setPhase('confirm')}>
          Clear all saved data
        </button>
      )}
      <p id="saved-data-help" className="field-help">
        Deletes the run history, the fine-tune results, the kept trained models and the figures&apos; choices from this browser, then reloads
        the page; the settings in the address stay.
      </p>
      {phase === 'failed' && (
        <p role="alert" className="status-error" data-testid="saved-data-error">
          Nothing was cleared: {error}
        </p>
      )}
    </section>
  );
}
