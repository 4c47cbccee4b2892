export type SaveStatus = 'saved' | 'unsaved' | 'saving' | 'conflict' | 'error';

const WORDS: Record<SaveStatus, string> = {
  saved: 'Saved',
  unsaved: 'Unsaved changes',
  saving: 'Saving…',
  conflict: 'Not saved: changed elsewhere',
  error: 'Not saved',
};

export function SaveIndicator({ status }: { status: SaveStatus }) {
  return (
    <span className={`nb-save nb-save-${status}`} data-testid="save-status" data-status={status} aria-live="polite">
      {WORDS[status]}
    </span>
  );
}
