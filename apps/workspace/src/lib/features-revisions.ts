import type { FeatureView } from '@galley/contracts';

/** `observations@latest`, `observations@3`. */
export function sourceLabel(source: FeatureView['source']): string {
  return `${source.dataset}@${source.version}`;
}

/** `none`, `45 s`, `2 h`, `7 d`, `1 d 6 h`: a TTL in the largest units that keep it exact. */
export function formatTtl(seconds: number): string {
  if (seconds === 0) return 'never expires';
  const units: Array<[number, string]> = [
    [86_400, 'd'],
    [3600, 'h'],
    [60, 'min'],
    [1, 's'],
  ];
  const parts: string[] = [];
  let rest = seconds;
  for (const [size, unit] of units) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)} ${unit}`);
      rest %= size;
    }
    if (parts.length === 2) break;
  }
  return rest === 0 ? parts.join(' ') : `${seconds.toLocaleString('en-US')} s`;
}

/**
 * What a revision changed against the one before it, one short phrase per change, so the history
 * reads as "added wind_kmh; TTL never expires → 1 d" rather than as two definitions to compare.
 */
export function revisionChanges(previous: FeatureView | undefined, current: FeatureView): string[] {
  if (!previous) return ['first definition'];
  const changes: string[] = [];
  if (sourceLabel(previous.source) !== sourceLabel(current.source)) changes.push(`source ${sourceLabel(previous.source)} → ${sourceLabel(current.source)}`);
  if (previous.entity !== current.entity) changes.push(`entity ${previous.entity} → ${current.entity}`);
  if (previous.timestampColumn !== current.timestampColumn) changes.push(`event time ${previous.timestampColumn} → ${current.timestampColumn}`);
  const before = new Map(previous.features.map((feature) => [feature.name, feature]));
  const after = new Map(current.features.map((feature) => [feature.name, feature]));
  const added = current.features.filter((feature) => !before.has(feature.name)).map((feature) => feature.name);
  const removed = previous.features.filter((feature) => !after.has(feature.name)).map((feature) => feature.name);
  if (added.length) changes.push(`added ${added.join(', ')}`);
  if (removed.length) changes.push(`removed ${removed.join(', ')}`);
  for (const feature of current.features) {
    const old = before.get(feature.name);
    if (!old) continue;
    if (old.type !== feature.type) changes.push(`${feature.name} ${old.type} → ${feature.type}`);
    if (old.column !== feature.column) changes.push(`${feature.name} reads ${feature.column} (was ${old.column})`);
  }
  if (previous.ttlSeconds !== current.ttlSeconds) changes.push(`TTL ${formatTtl(previous.ttlSeconds)} → ${formatTtl(current.ttlSeconds)}`);
  if (previous.description !== current.description) changes.push('description');
  if (previous.tags.join(',') !== current.tags.join(',')) changes.push(`tags ${current.tags.join(', ') || 'removed'}`);
  const order = (view: FeatureView) => view.features.map((feature) => feature.name).join(',');
  if (changes.length === 0 && order(previous) !== order(current)) changes.push('feature order');
  return changes.length ? changes : ['no visible change'];
}
