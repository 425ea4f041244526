/**
 * Resolves on a fresh macrotask, letting queued messages (a worker's pause or stop) run first.
 *
 * Why a MessageChannel rather than setTimeout(0): browsers clamp nested timeouts to ≥ 4 ms, which
 * would add 4 ms to every training step; a posted message has no such clamp. setTimeout is the
 * fallback where MessageChannel does not exist. A microtask (await Promise.resolve()) would not do:
 * microtasks run before any message event, so the loop would never notice a pause.
 */
export function yieldToEventLoop(): Promise<void> {
  if (typeof MessageChannel === 'undefined') return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      // Closing matters in Node, where an open port would keep the process alive.
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
