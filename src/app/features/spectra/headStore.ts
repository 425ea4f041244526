/**
 * The head view's state: which layer, head, sequence, rank r and window the controls choose (kept in the link),
 * and the head last read from the worker. One head is held at a time; the rank and window are applied on the page
 * (headViewData.ts), so moving them needs no worker call. A newer request wins over one still in flight.
 */
import { create } from 'zustand';
import { computeWorker } from '../../shared/compute/computeClient';
import { describeError } from '../../shared/format/describeError';
import { readLinkSection, registerLinkSection, writeLink } from '../../settings/link';
import type { HeadAttentionRequest, HeadAttentionResult } from '../../../worker/headTypes';
import { HEAD_FIELDS, defaultHeadChoices, type HeadChoices } from './headFields';
import { requestKey } from './headViewData';

interface HeadState extends HeadChoices {
  /** Repairs made reading this view's settings from a link (plain text). */
  notices: string[];
  dismissNotices(): void;
  phase: 'idle' | 'running' | 'done' | 'failed';
  error: string | null;
  result: HeadAttentionResult | null;
  /** requestKey() of the request `result` answers: the view compares it with the controls' request. */
  resultKey: string | null;
  /** Sets one choice and writes it into the link (an edit: the control commits it with finishEdit). */
  choose<Name extends keyof HeadChoices>(name: Name, value: HeadChoices[Name]): void;
  /** Reads one head from the worker; a failure keeps the head shown before and says why. */
  show(request: HeadAttentionRequest): Promise<void>;
}

const search = typeof window === 'undefined' ? '' : window.location.search;
const initial = search === '' ? { values: defaultHeadChoices(), notices: [] } : readLinkSection(HEAD_FIELDS, search);

/** Counts requests, so a slow one answered after a newer one started is dropped. */
let latest = 0;

export const useHeadStore = create<HeadState>((set) => ({
  ...initial.values,
  notices: initial.notices,
  dismissNotices() {
    set({ notices: [] });
  },
  phase: 'idle',
  error: null,
  result: null,
  resultKey: null,
  choose(name, value) {
    set({ [name]: value } as Partial<HeadChoices>);
    writeLink('edit');
  },
  async show(request) {
    const ticket = ++latest;
    set({ phase: 'running', error: null });
    try {
      const result = await computeWorker().headAttention(request);
      if (ticket !== latest) return;
      set({ phase: 'done', result, resultKey: requestKey(request) });
    } catch (error) {
      if (ticket !== latest) return;
      set({ phase: 'failed', error: describeError(error) });
    }
  },
}));

function choices(state: HeadChoices): HeadChoices {
  const { layer, head, sequence, rank, windowStart } = state;
  return { layer, head, sequence, rank, windowStart };
}

registerLinkSection({
  name: 'head view',
  fields: HEAD_FIELDS,
  values: () => choices(useHeadStore.getState()),
  restore: (values, notices) => useHeadStore.setState({ ...choices(values as HeadChoices), notices }),
});
