/**
 * A determinate progress bar (role="progressbar" with aria-valuenow), or an indeterminate one when
 * `percent` is null: the work is still going but nobody can say how far along it is.
 */
export function ProgressBar({ label, percent, valueText }: { label: string; percent: number | null; valueText?: string }) {
  const rounded = percent === null ? null : Math.max(0, Math.min(100, Math.round(percent)));
  return (
    <div
      className="progress"
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={rounded ?? undefined}
      aria-valuetext={valueText}
      data-phase={rounded === null ? 'processing' : 'uploading'}
    >
      <div className="progress-fill" style={{ width: `${rounded ?? 100}%` }} />
    </div>
  );
}
