interface Props {
  notices: readonly string[];
  onDismiss(): void;
  /** What was repaired, e.g. "settings" or "fine-tune settings". */
  what?: string;
  testId?: string;
}

/**
 * Says which values of a damaged link were repaired, and what the settings still need before Start (a model the
 * worker would refuse). Rendered as text: a hostile link stays inert.
 */
export function SettingsNotice({ notices, onDismiss, what = 'settings', testId = 'settings-notice' }: Props) {
  if (notices.length === 0) return null;
  return (
    <div className="notice" role="status" data-testid={testId}>
      <strong>Some {what} in this link were repaired or need a change:</strong>
      <ul>
        {notices.map((notice, i) => (
          <li key={i}>{notice}</li>
        ))}
      </ul>
      <button type="button" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}
