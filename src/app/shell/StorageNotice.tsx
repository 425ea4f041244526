import { useStorageNotice } from './storageNoticeStore';

export const BLOCKED_TEXT =
  'Another tab of Linformer Lab holds an older version of its database; close it (or reload it) to continue.';
export const OUTDATED_TEXT = 'Linformer Lab was updated in another tab; reload this tab to keep saving.';

/**
 * The page's notice when its saved data cannot be reached: shown at the top of the notebook while the database
 * waits for another tab, and for good once a newer version took it over (what is on screen stays; saves fail, each
 * saying why, until the reload).
 */
export function StorageNotice() {
  const problem = useStorageNotice((s) => s.problem);
  if (problem === null) return null;
  return (
    <div className="notice" role="alert" data-testid="storage-notice">
      {problem === 'blocked' ? (
        <>
          <strong>{BLOCKED_TEXT}</strong> Saved runs and results load as soon as it does; nothing is lost meanwhile.
        </>
      ) : (
        <>
          <strong>{OUTDATED_TEXT}</strong> The runs and results shown here stay on screen until then, but nothing new is
          saved: export what you want to keep before reloading.
        </>
      )}
    </div>
  );
}
