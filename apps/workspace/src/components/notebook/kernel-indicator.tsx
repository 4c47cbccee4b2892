import type { KernelStatusWord } from '../../lib/notebook/kernel-messages';

const TONE: Record<KernelStatusWord, string> = {
  idle: 'badge-up',
  busy: 'badge-warn',
  starting: 'badge-neutral',
  restarting: 'badge-neutral',
  connecting: 'badge-neutral',
  disconnected: 'badge-down',
  dead: 'badge-down',
  'no kernel': 'badge-neutral',
};

/** Python kernel: idle / busy / starting / dead — a dead one offers its restart right there. */
export function KernelIndicator({ word, onRestart, disabled }: { word: KernelStatusWord; onRestart: () => void; disabled: boolean }) {
  return (
    <span className="nb-kernel" data-testid="kernel-status" data-status={word}>
      <span className={`badge ${TONE[word]}`}>Python: {word}</span>
      {word === 'dead' ? (
        <button type="button" className="button button-small" onClick={onRestart} disabled={disabled}>
          dead — restart
        </button>
      ) : null}
    </span>
  );
}
