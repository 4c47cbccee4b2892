import { onlineValueAt, type OnlineFeaturesResponse, type OnlineValueStatus } from '@galley/contracts';
import { CliFailure } from './cli-failure';
import { formatTable } from './format-table';

type EntityKey = OnlineFeaturesResponse['results'][number]['entity'];

/**
 * One `--entity` value: `station_id=s-17`, or several keys of the same entity row separated by commas
 * (`station_id=s-17,city=paris`) when a service spans views with different join keys. Values stay
 * text: the server reads an integer key from its decimal form.
 */
export function parseEntityArg(text: string): EntityKey {
  const entity: EntityKey = {};
  for (const part of text.split(',')) {
    const equals = part.indexOf('=');
    const key = equals < 0 ? '' : part.slice(0, equals).trim();
    if (!key) throw new CliFailure(`--entity "${text}": expected KEY=VALUE, e.g. --entity station_id=s-17`);
    if (key in entity) throw new CliFailure(`--entity "${text}" names "${key}" twice`);
    entity[key] = part.slice(equals + 1).trim();
  }
  return entity;
}

/** For the repeatable `--entity`: each occurrence is one entity row. */
export function collectEntity(value: string, previous: EntityKey[] | undefined): EntityKey[] {
  return [...(previous ?? []), parseEntityArg(value)];
}

/** `--features a:x,b:y`, possibly repeated. */
export function splitFeatureRefs(values: readonly string[]): string[] {
  return values.flatMap((value) => value.split(',')).map((ref) => ref.trim()).filter(Boolean);
}

/** `station_id=s-17`, the entity as it was asked for. */
export function entityLabel(entity: EntityKey): string {
  return Object.entries(entity)
    .map(([key, value]) => `${key}=${value}`)
    .join(',');
}

/** Online values the way a terminal reads them: text as is, numbers as JSON writes them, and null. */
export function formatOnlineValue(value: string | number | boolean | null): string {
  return value === null ? 'null' : String(value);
}

/** `2025-03-04 06:00:00Z`: the event time to the second, in UTC, as the store keeps it. */
export function formatEventTime(iso: string | null): string {
  if (!iso) return '-';
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(\.\d+)?Z$/.exec(iso);
  return match ? `${match[1]} ${match[2]}${match[3] && !/^\.0+$/.test(match[3]) ? match[3] : ''}Z` : iso;
}

/** One row per entity and feature: long, so any number of features stays readable. */
export function onlineValuesTable(answer: OnlineFeaturesResponse): string {
  const rows = answer.results.flatMap((result, index) =>
    answer.features.map((feature) => ({ entity: result.entity, feature, value: onlineValueAt(answer, index, feature) })),
  );
  return formatTable(rows, [
    { header: 'ENTITY', cell: (row) => entityLabel(row.entity), maxWidth: 40 },
    { header: 'FEATURE', cell: (row) => row.feature },
    { header: 'VALUE', cell: (row) => (row.value ? formatOnlineValue(row.value.value) : ''), maxWidth: 40 },
    { header: 'STATUS', cell: (row) => row.value?.status ?? '' },
    { header: 'EVENT TIME', cell: (row) => formatEventTime(row.value?.eventTimestamp ?? null) },
  ]);
}

/** `4 values: 3 present, 1 missing`: what the table adds up to, missing and expired named. */
export function onlineValuesSummary(answer: OnlineFeaturesResponse): string {
  const counts: Record<OnlineValueStatus, number> = { present: 0, missing: 0, expired: 0 };
  for (const result of answer.results) for (const status of result.statuses) counts[status] += 1;
  const total = counts.present + counts.missing + counts.expired;
  const parts = (['present', 'missing', 'expired'] as const).filter((status) => counts[status] > 0).map((status) => `${counts[status]} ${status}`);
  return `${total} value${total === 1 ? '' : 's'}: ${parts.join(', ') || 'none'}`;
}
