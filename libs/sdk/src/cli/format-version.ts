import type { ColumnProfile, Dataset, DatasetVersion, SchemaChange, TableProfile } from '@galley/contracts';
import { formatTable } from './format-table';
import { formatBytes, formatCount, formatScalar, formatTime } from './format-units';
import { OUTCOME_TEXT } from './format-validation';

/** `seattle-weather v1: 1,461 rows × 6 columns, csv, 47.1 KiB, sha256 0f38b53bdc1c, accepted (validation passed)` */
export function versionSummary(version: DatasetVersion): string {
  const shape = `${formatCount(version.rowCount)} rows × ${version.columns.length} columns`;
  return `${version.dataset} v${version.version}: ${shape}, ${version.format}, ${formatBytes(version.size)}, sha256 ${shortHash(version.sha256)}, ${statusText(version)}`;
}

/** `accepted (validation passed)`; a rejection is in capitals because consumers will refuse the data. */
export function statusText(version: DatasetVersion): string {
  const status = version.status === 'rejected' ? 'REJECTED' : 'accepted';
  return `${status} (${OUTCOME_TEXT[version.validation]})`;
}

export function shortHash(sha256: string): string {
  return sha256.slice(0, 12);
}

/** How the columns differ from the previous version, in one line. */
export function schemaChangeText(version: DatasetVersion): string {
  if (version.schemaChange) return describeChange(version.schemaChange);
  return version.version === 1 ? 'first version' : `unchanged since v${version.version - 1}`;
}

function describeChange(change: SchemaChange): string {
  const parts = [
    ...change.added.map((column) => `+${column.name} ${column.type}`),
    ...change.removed.map((column) => `-${column.name} ${column.type}`),
    ...change.retyped.map((column) => `${column.name} ${column.from} → ${column.to}`),
  ];
  return `vs v${change.previousVersion}: ${parts.length > 0 ? parts.join(', ') : 'same columns, reordered'}`;
}

/** Counts of added, removed and retyped columns (`+1 -0 ~2`), or `-` when nothing changed. */
function changeCounts(version: DatasetVersion): string {
  const change = version.schemaChange;
  if (!change) return version.version === 1 ? 'new' : '-';
  return `+${change.added.length} -${change.removed.length} ~${change.retyped.length}`;
}

export function versionsTable(versions: readonly DatasetVersion[]): string {
  return formatTable(versions, [
    { header: 'VERSION', cell: (v) => String(v.version) },
    { header: 'STATUS', cell: (v) => v.status },
    { header: 'VALIDATION', cell: (v) => v.validation },
    { header: 'ROWS', cell: (v) => formatCount(v.rowCount) },
    { header: 'COLS', cell: (v) => String(v.columns.length) },
    { header: 'SCHEMA', cell: changeCounts },
    { header: 'SIZE', cell: (v) => formatBytes(v.size) },
    { header: 'FORMAT', cell: (v) => v.format },
    { header: 'SHA256', cell: (v) => shortHash(v.sha256) },
    { header: 'UPLOADER', cell: (v) => v.uploader },
    { header: 'CREATED', cell: (v) => formatTime(v.createdAt) },
  ]);
}

/** The dataset's header lines for `show`. */
export function datasetLines(dataset: Dataset): string[] {
  const lines = [`Dataset   ${dataset.name}`, `Owner     ${dataset.owner}`];
  if (dataset.tags.length > 0) lines.push(`Tags      ${dataset.tags.join(', ')}`);
  if (dataset.description) lines.push(`About     ${dataset.description.replace(/\s+/g, ' ').trim()}`);
  return lines;
}

/** The version's lines for `show`: status, file, rows and schema change. */
export function versionLines(version: DatasetVersion): string[] {
  return [
    `Version   ${version.version}`,
    `Status    ${statusText(version)}`,
    `File      ${version.format}, ${formatBytes(version.size)}, sha256 ${shortHash(version.sha256)}, uploaded by ${version.uploader} at ${formatTime(version.createdAt)}`,
    `Rows      ${formatCount(version.rowCount)}`,
    `Schema    ${schemaChangeText(version)}`,
  ];
}

/** Schema and compact profile in one table: a column's type beside its statistics. */
export function columnsTable(version: DatasetVersion, profile: TableProfile | undefined): string {
  const profiles = new Map<string, ColumnProfile>((profile?.columns ?? []).map((column) => [column.name, column]));
  const rowCount = profile?.rowCount ?? version.rowCount;
  return formatTable(version.columns, [
    { header: 'COLUMN', cell: (column) => column.name, maxWidth: 32 },
    { header: 'TYPE', cell: (column) => column.type, maxWidth: 20 },
    { header: 'NULLS', cell: (column) => nulls(profiles.get(column.name), rowCount) },
    { header: 'DISTINCT', cell: (column) => statistic(profiles.get(column.name), (p) => formatCount(p.distinctCount)) },
    { header: 'MIN', cell: (column) => statistic(profiles.get(column.name), (p) => formatScalar(p.min)), maxWidth: 24 },
    { header: 'MAX', cell: (column) => statistic(profiles.get(column.name), (p) => formatScalar(p.max)), maxWidth: 24 },
    { header: 'MEAN', cell: (column) => statistic(profiles.get(column.name), (p) => formatScalar(p.mean)) },
  ]);
}

function statistic(profile: ColumnProfile | undefined, read: (profile: ColumnProfile) => string): string {
  return profile ? read(profile) : '?';
}

function nulls(profile: ColumnProfile | undefined, rowCount: number): string {
  if (!profile) return '?';
  if (profile.nullCount === 0 || rowCount === 0) return formatCount(profile.nullCount);
  return `${formatCount(profile.nullCount)} (${Number((profile.nullFraction * 100).toPrecision(2))}%)`;
}
