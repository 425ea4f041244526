/**
 * Last-resort error display for failures React cannot render (or that happen before it mounts).
 * It writes text, never markup, so an error message cannot inject HTML.
 */
import { describeError } from '../shared/format/describeError';

export function showFatalError(error: unknown): void {
  const id = 'fatal-error';
  let box = document.getElementById(id);
  if (!box) {
    box = document.createElement('div');
    box.id = id;
    box.setAttribute('role', 'alert');
    box.className = 'fatal-error';
    document.body.prepend(box);
  }
  box.textContent = `Something went wrong: ${describeError(error)}. Your settings are kept in the address bar; reload to try again.`;
}
