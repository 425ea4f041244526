export interface ActionMessageValue {
  kind: 'info' | 'error';
  text: string;
}

/** The outcome of the last import, export or delete: an alert when it failed, a status line when it worked. */
export function ActionMessage({ message, testId }: { message: ActionMessageValue | null; testId: string }) {
  if (!message) return null;
  return (
    <p
      role={message.kind === 'error' ? 'alert' : 'status'}
      className={message.kind === 'error' ? 'status-error' : 'muted'}
      data-testid={testId}
    >
      {message.text}
    </p>
  );
}
