import { sqlIdentifier, sqlString } from './sql';
import { keyPair, withRowNumber } from './point-in-time.sources';
import type { DescribedSource, EventTimes } from './point-in-time.sources';

/** What pointInTimeJoin is asked to join, as the SQL builder needs it. */
export interface JoinView {
  name: string;
  joinKey: string;
  features: Array<{ name: string; column: string }>;
  ttlSeconds: number;
  described: DescribedSource;
  /** The view's event time as a UTC TIMESTAMP expression over its file's columns. */
  time: string;
}

/**
 * How the ASOF join of one view finds the winner among rows with the same key and event time.
 *
 * - `packed`: the ASOF order key is one BIGINT, (time − earliest) / unit · 2^rowBits + file row, so
 *   the greatest key at or before the entity row's time is the last such row in the file, and the
 *   ASOF join carries the features itself. It fits when the time range in units and the row count
 *   fit 63 bits together (a year of whole seconds and 10M rows take 49).
 * - `fetch`: the ASOF join finds the matched event time from key and time alone; the winning row's
 *   features are then taken by a hash join on (key, time), with arg_max over the file row.
 */
export type OrderPlan =
  | {
      kind: 'packed';
      minUs: bigint;
      unitUs: bigint;
      spanUnits: bigint;
      rowBits: number;
      /** The unit was guessed from a sample: a time that is not a multiple of it fails the query. */
      verify: boolean;
    }
  | { kind: 'fetch' };

/** In the error of a query whose guessed unit was wrong: plan again from a full scan and rerun. */
export const UNIT_GUESS_FAILED = 'galley: an event time is finer than the unit guessed from a sample';

const BIGINT_MAX = 2n ** 63n - 1n;

export function orderPlan(times: EventTimes): OrderPlan {
  const rowBits = Math.max(1, times.rows.toString(2).length);
  if (times.minUs === null || times.maxUs === null) return { kind: 'packed', minUs: 0n, unitUs: 1n, spanUnits: 0n, rowBits, verify: false };
  const spanUnits = (times.maxUs - times.minUs) / times.unitUs;
  // The largest key is the entity row's after the latest time: span units, then 2^rowBits − 1 ("any row").
  const fits = (spanUnits + 1n) * 2n ** BigInt(rowBits) <= BIGINT_MAX;
  return fits ? { kind: 'packed', minUs: times.minUs, unitUs: times.unitUs, spanUnits, rowBits, verify: !times.unitVerified } : { kind: 'fetch' };
}

/** Internal column names, each checked against the entity rows' columns (case-insensitively, as DuckDB). */
function namer(spineColumns: Iterable<string>): (base: string) => string {
  const taken = new Set([...spineColumns].map((name) => name.toLowerCase()));
  const given = new Map<string, string>();
  return (base) => {
    const known = given.get(base);
    if (known !== undefined) return known;
    let name = `__galley_${base}`;
    for (let n = 1; taken.has(name.toLowerCase()); n++) name = `__galley_${base}_${n}`;
    taken.add(name.toLowerCase());
    given.set(base, name);
    return name;
  };
}

/**
 * One query: the entity rows with their file position, ASOF LEFT JOINed to every view in turn,
 * each view's TTL applied to its matched event time, ordered back into the entity rows' file order.
 */
export function pointInTimeSql(spine: DescribedSource, spineTime: string, views: JoinView[], plans: OrderPlan[], featureColumn: (view: string, feature: string) => string): string {
  const name = namer(spine.columns.keys());
  const id = (base: string): string => sqlIdentifier(name(base));
  const [row, time, key, order, value] = ['row', 'time', 'key', 'order', 'value'].map(id);
  const spineRows = withRowNumber(spine, name('row'));
  const spineExtras: string[] = [];
  const ctes: string[] = [];
  const asofJoins: string[] = [];
  const matchedColumns: string[] = [];
  const internal: string[] = [row, time];
  const fetchCtes: string[] = [];
  const fetchJoins: string[] = [];
  const outputColumns: string[] = [];

  views.forEach((view, i) => {
    if (view.features.length === 0) return;
    const plan = plans[i];
    const keys = keyPair(spine, view.described, view.joinKey);
    const events = `events_${i}`;
    const sourceRows = withRowNumber(view.described, name('row'));
    const fresh = view.ttlSeconds === 0 ? 'TRUE' : `${events}.${time} >= s.${time} - to_seconds(${view.ttlSeconds})`;
    const features = view.features.map((feature, f) => `${sqlIdentifier(feature.column)} AS ${sqlIdentifier(`f${f}`)}`);
    // Row numbers are taken before rows without key or time are dropped, so they are file positions.
    const rows = `(SELECT ${sourceRows.row}, ${keys.view} AS ${key}, ${view.time} AS ${time}${features.map((f) => `, ${f}`).join('')} FROM ${sourceRows.from})`;
    const present = `WHERE ${key} IS NOT NULL AND ${time} IS NOT NULL`;

    if (plan.kind === 'packed') {
      const probe = id(`probe_${i}`);
      const scale = 2n ** BigInt(plan.rowBits);
      const units = (us: string): string => `((${us} - ${plan.minUs}) // ${plan.unitUs})`;
      const spineUs = `epoch_us(${spineTime})`;
      spineExtras.push(
        `CASE WHEN ${spineUs} < ${plan.minUs} THEN -1 WHEN ${spineUs} > ${plan.minUs + plan.spanUnits * plan.unitUs} THEN ${(plan.spanUnits + 1n) * scale - 1n} ` +
          `ELSE ${units(spineUs)} * ${scale} + ${scale - 1n} END AS ${probe}`,
      );
      internal.push(probe);
      const sourceUs = `epoch_us(${time})`;
      const sourceOrder = `${units(sourceUs)} * ${scale} + ${row}`;
      const checkedOrder = plan.verify ? `CASE WHEN (${sourceUs} - ${plan.minUs}) % ${plan.unitUs} <> 0 THEN error(${sqlString(UNIT_GUESS_FAILED)}) ELSE ${sourceOrder} END` : sourceOrder;
      ctes.push(`${events} AS (SELECT ${key}, ${checkedOrder} AS ${order}, ${time}, * EXCLUDE (${key}, ${time}, ${row}) FROM ${rows} ${present})`);
      asofJoins.push(`ASOF LEFT JOIN ${events} ON ${keys.spine('s')} = ${events}.${key} AND s.${probe} >= ${events}.${order}`);
      view.features.forEach((feature, f) => {
        const column = id(`value_${i}_${f}`);
        matchedColumns.push(`CASE WHEN ${fresh} THEN ${events}.${sqlIdentifier(`f${f}`)} END AS ${column}`);
        internal.push(column);
        outputColumns.push(`matches.${column} AS ${sqlIdentifier(featureColumn(view.name, feature.name))}`);
      });
      return;
    }

    const matched = id(`matched_${i}`);
    const winners = `winners_${i}`;
    ctes.push(`${events} AS (SELECT ${keys.view} AS ${key}, ${view.time} AS ${time} FROM ${view.described.source.sql} WHERE ${keys.view} IS NOT NULL AND ${view.time} IS NOT NULL)`);
    asofJoins.push(`ASOF LEFT JOIN ${events} ON ${keys.spine('s')} = ${events}.${key} AND s.${time} >= ${events}.${time}`);
    matchedColumns.push(`CASE WHEN ${fresh} THEN ${events}.${time} END AS ${matched}`);
    internal.push(matched);
    // Only rows some entity row matched reach the aggregate; a struct is never null, so a null
    // feature of the last row still wins.
    const packed = view.features.map((_, f) => `${sqlString(`f${f}`)}: ${sqlIdentifier(`f${f}`)}`);
    fetchCtes.push(
      `${winners} AS (SELECT ${key}, ${time}, arg_max({${packed.join(', ')}}, ${row}) AS ${value} FROM ${rows} ` +
        `WHERE (${key}, ${time}) IN (SELECT ${keys.spine('matches')}, ${matched} FROM matches) GROUP BY ${key}, ${time})`,
    );
    fetchJoins.push(`LEFT JOIN ${winners} ON ${keys.spine('matches')} = ${winners}.${key} AND matches.${matched} = ${winners}.${time}`);
    view.features.forEach((feature, f) => outputColumns.push(`${winners}.${value}.${sqlIdentifier(`f${f}`)} AS ${sqlIdentifier(featureColumn(view.name, feature.name))}`));
  });

  const all = [
    `spine AS (SELECT ${spineRows.row}, *${spineRows.exclude}, ${spineTime} AS ${time}${spineExtras.map((c) => `, ${c}`).join('')} FROM ${spineRows.from})`,
    ...ctes,
    `matches AS (SELECT s.*${matchedColumns.map((c) => `, ${c}`).join('')} FROM spine s ${asofJoins.join(' ')})`,
    ...fetchCtes,
  ];
  const select = [`matches.* EXCLUDE (${internal.join(', ')})`, ...outputColumns];
  return `WITH ${all.join(',\n')}\nSELECT ${select.join(', ')} FROM matches ${fetchJoins.join(' ')} ORDER BY matches.${row}`;
}
