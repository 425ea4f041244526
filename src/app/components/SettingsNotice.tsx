import { useExperimentStore } from '../stores/experimentStore';

/** Says which values of a damaged link were repaired. Rendered as text: a hostile link stays inert. */
export function SettingsNotice() {
  const notices = useExperimentStore((s) => s.notices);
  const dismiss = useExperimentStore((s) => s.dismissNotices);
  if (notices.length === 0) return null;
  return (
    <div className="notice" role="status" data-testid="settings-notice">
      <strong>Some settings in this link were repaired:</strong>
      <ul>
        {notices.map((notice, i) => (
          <li key={i}>{notice}</li>
        ))}
      </ul>
      <button type="button" onClick={dismiss}>
        Dismiss
      </button>
    </div>
  );
}
