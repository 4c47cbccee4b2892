import type { SeedOutcome } from './seed-demo-data';

/** One line for the console: what was added, what was already there, what was left alone. */
export function describeSeed(outcomes: readonly SeedOutcome[]): string {
  const added: string[] = [];
  const present: string[] = [];
  const skipped: string[] = [];
  for (const outcome of outcomes) {
    if (outcome.kind === 'skipped') {
      skipped.push(`${outcome.dataset} (${outcome.reason})`);
      continue;
    }
    const { version } = outcome;
    const label = `${version.dataset} v${version.version}`;
    const rejected = version.status === 'rejected' ? 'REJECTED by its expectations' : undefined;
    if (outcome.created) added.push(`${label} (${[`${version.rowCount.toLocaleString('en-US')} rows`, rejected].filter(Boolean).join(', ')})`);
    else present.push(rejected ? `${label} (${rejected})` : label);
  }
  const parts: string[] = [];
  if (added.length > 0) parts.push(`added ${added.join(', ')}`);
  if (present.length > 0) parts.push(`${present.join(', ')} already there${added.length === 0 ? ', nothing changed' : ''}`);
  if (skipped.length > 0) parts.push(`left alone: ${skipped.join(', ')}`);
  return `Demo data: ${parts.length > 0 ? parts.join('; ') : 'nothing to seed'}`;
}
