import { useRef, useState } from 'react';

/** Copies through a hidden text area when the async clipboard is missing (plain http, older browsers). */
function copyWithSelection(text: string): boolean {
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.append(area);
  area.select();
  try {
    return document.execCommand('copy');
  } catch {
    return false;
  } finally {
    area.remove();
  }
}

/** Copies the current experiment's address; if the browser allows no copying, shows it to copy by hand. */
export function CopyLinkButton() {
  const [state, setState] = useState<{ kind: 'idle' | 'copied' | 'manual'; link: string }>({ kind: 'idle', link: '' });
  const manualRef = useRef<HTMLInputElement>(null);
  const copy = async () => {
    const link = window.location.href;
    let copied = false;
    try {
      if (navigator.clipboard) {
        await navigator.clipboard.writeText(link);
        copied = true;
      }
    } catch {
      copied = false;
    }
    if (!copied) copied = copyWithSelection(link);
    setState({ kind: copied ? 'copied' : 'manual', link });
    if (!copied) requestAnimationFrame(() => manualRef.current?.select());
  };
  return (
    <span className="copy-link">
      <button type="button" onClick={() => void copy()}>
        Copy link
      </button>
      <span role="status" className="muted">
        {state.kind === 'copied' ? 'Link to this experiment copied.' : ''}
      </span>
      {state.kind === 'manual' && (
        <span className="field inline">
          <label htmlFor="manual-link">Copy this link by hand</label>
          <input id="manual-link" ref={manualRef} type="text" readOnly value={state.link} />
        </span>
      )}
    </span>
  );
}
