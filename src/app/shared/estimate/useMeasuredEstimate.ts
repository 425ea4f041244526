import { useRef, useState } from 'react';
import { describeError } from '../format/describeError';
import type { MeasuredEstimate } from './measuredEstimate';

export interface MeasuredEstimateState {
  /** The estimate for the settings now chosen; null when there is none, or it was made for other settings. */
  estimate: MeasuredEstimate | null;
  /** An estimate was made, but for settings that have changed since: it must be made again. */
  stale: boolean;
  busy: boolean;
  error: string | null;
  run(): Promise<void>;
}

interface Kept {
  key: string;
  estimate: MeasuredEstimate | null;
  error: string | null;
}

/**
 * Runs `measure` on request and keeps its estimate for the settings named by `key` (a string that changes
 * whenever anything the estimate depends on changes: the settings and the backend). A key change hides the
 * estimate at once, so an estimate is never shown beside settings it was not measured for; a measurement that
 * ends after such a change is still kept for the key it was made for.
 */
export function useMeasuredEstimate(key: string, measure: () => Promise<MeasuredEstimate>): MeasuredEstimateState {
  const [kept, setKept] = useState<Kept | null>(null);
  const [busy, setBusy] = useState(false);
  // A ref as well as the state: a second click in the same frame must not start a second measurement.
  const inFlight = useRef(false);
  const run = async () => {
    if (inFlight.current) return;
    inFlight.current = true;
    setBusy(true);
    const forKey = key;
    try {
      const estimate = await measure();
      setKept({ key: forKey, estimate, error: null });
    } catch (error) {
      setKept({ key: forKey, estimate: null, error: `Could not estimate: ${describeError(error)}` });
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  };
  const current = kept?.key === key ? kept : null;
  return {
    estimate: current?.estimate ?? null,
    stale: kept !== null && kept.key !== key && kept.estimate !== null,
    busy,
    error: current?.error ?? null,
    run,
  };
}
