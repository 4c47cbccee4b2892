import { Inject, Injectable, Optional } from '@nestjs/common';
import type { RunPage, SearchRunsQuery } from '@galley/contracts';
import { DomainError } from '@galley/messaging';
import { DataSource, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import { toRunContract } from './run.mapper';
import { parseRunFilter, parseRunOrder, RunFilterError, type FilterCondition, type RunAttribute, type RunOrder } from './run-filter';
import { ExperimentEntity, RunEntity } from './tracking.entities';
import { TrackingRepository } from './tracking.repository';

const ATTRIBUTE_COLUMNS: Record<RunAttribute, string> = {
  status: 'r.status',
  name: 'r.name',
  source: 'r.source',
  created_at: 'r.createdAt',
  started_at: 'r.startedAt',
  finished_at: 'r.finishedAt',
  created_by: 'r.createdBy',
};

/** Where a metric or param sort reads its value: both tables are indexed on (key, value, runId). */
const SORT_VALUES = {
  metrics: { table: 'run_metric_latest', column: 'value' },
  params: { table: 'run_param', column: 'valueNum' },
} as const;

/** Attributes a run may lack: like a missing metric, their runs come last in either direction. */
const NULLABLE_ATTRIBUTES: ReadonlySet<RunAttribute> = new Set(['started_at', 'finished_at']);

/**
 * Where the search changes plan. Every plan gives the same page and total; these only decide which is
 * cheaper, so specs shrink them to take every plan over a few hundred runs.
 */
export interface RunSearchLimits {
  /**
   * Walking an index in the page's order and checking each run's conditions pays per run visited, about
   * (offset + limit) × runs in scope / matching runs; past this many it is cheaper to collect the
   * matches and sort them (which costs about what counting them did). For a first page of 100, the walk
   * is taken while at least 1 run in 200 matches.
   */
  walk: number;
  /** Up to this many runs, an experiment's own index is where counting its matches starts. */
  experimentScan: number;
}

/** A count by subtraction lists the other experiments' ids as bound parameters: at most this many. */
const MAX_OTHER_EXPERIMENTS = 100;

export const DEFAULT_RUN_SEARCH_LIMITS: RunSearchLimits = { walk: 20_000, experimentScan: 20_000 };
export const RUN_SEARCH_LIMITS = Symbol('RUN_SEARCH_LIMITS');

/**
 * How a condition is written. `membership` (`r.id IN (SELECT runId … WHERE key = ? AND value > ?)`)
 * reads the matching runs off the (key, value, runId) index once, whatever their number: the cheap way
 * to count or collect them. `correlated` (`EXISTS (… WHERE runId = r.id …)`) checks one run at a time
 * by primary key: the cheap way to filter an index walk that stops after a page.
 */
type ConditionForm = 'membership' | 'correlated';

interface Page {
  offset: number;
  limit: number;
}

/**
 * Run search over indexed tables: the total is counted from the conditions' indexes, and the page is
 * read either by walking an index in its order (a metric's or param's (key, value) index, or the
 * creation-time index) while checking each run's conditions, or, when few runs match, by sorting the
 * matches. A search never loads runs to filter them; only the page of ids found is read in full.
 */
@Injectable()
export class RunSearchUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tracking: TrackingRepository,
    @Optional() @Inject(RUN_SEARCH_LIMITS) private readonly limits: RunSearchLimits = DEFAULT_RUN_SEARCH_LIMITS,
  ) {}

  async execute(query: SearchRunsQuery): Promise<RunPage> {
    let conditions: FilterCondition[];
    let order: RunOrder;
    try {
      conditions = parseRunFilter(query.filter);
      order = parseRunOrder(query.orderBy);
    } catch (error) {
      if (error instanceof RunFilterError) throw new DomainError('training.invalid_filter', error.message, { filter: query.filter, orderBy: query.orderBy });
      throw error;
    }
    let experimentId: string | undefined;
    if (query.experiment !== undefined) {
      const experiment = await this.tracking.findExperiment(query.experiment);
      if (!experiment) throw new DomainError('training.experiment_not_found', `no experiment named "${query.experiment}"`, { name: query.experiment });
      experimentId = experiment.id;
    }
    const inScope = await this.countInScope(experimentId);
    // A large experiment is checked run by run, never read off its index: a planner that takes
    // `experimentId = ?` for selective (SQLite without statistics does) would otherwise read all its
    // runs and sort them instead of walking the sort index (~5 -> ~350 ms at 100,000 runs).
    const experimentCheck = inScope > this.limits.experimentScan ? `${this.unindexed('r.experimentId')} = :experimentId` : 'r.experimentId = :experimentId';
    const runs = (form: ConditionForm): SelectQueryBuilder<RunEntity> => {
      const builder = this.dataSource.manager.createQueryBuilder(RunEntity, 'r').select('r.id', 'id');
      if (experimentId !== undefined) builder.andWhere(experimentCheck, { experimentId });
      conditions.forEach((condition, index) => applyCondition(builder, condition, index, form));
      return builder;
    };
    const total = conditions.length === 0 ? inScope : await this.countMatches(conditions, experimentId, inScope, runs);
    const page: Page = { offset: query.offset, limit: query.limit };
    let ids: string[] = [];
    if (page.offset < total) {
      const walkable = order.scope !== 'attributes' || order.key === 'created_at';
      const walk = walkable && ((page.offset + page.limit) * inScope) / total <= this.limits.walk;
      ids = walk ? await walkInOrder(runs, order, page, total) : await sortMatches(runs('membership'), order, page);
    }
    const details = await this.tracking.details(ids);
    return { items: details.map(toRunContract), total, limit: query.limit, offset: query.offset };
  }

  /**
   * Counted from the first metric/param/tag condition's own index (one row per run and key there), the
   * other conditions as membership lists, when no attribute condition needs the run row: `tags.team =
   * 'vision'` alone is a range count of one index. A large experiment is then checked run by run on the
   * (id, experimentId) index, or, when few runs lie outside it, its matches are all matches less those
   * of the few; a small one is where counting starts (SQLite, without statistics, would otherwise start
   * from the experiment's index however many runs it holds).
   */
  private async countMatches(
    conditions: FilterCondition[],
    experimentId: string | undefined,
    inScope: number,
    runs: (form: ConditionForm) => SelectQueryBuilder<RunEntity>,
  ): Promise<number> {
    const fromRuns = conditions.some((condition) => condition.scope === 'attributes') || (experimentId !== undefined && inScope <= this.limits.experimentScan);
    const first = fromRuns ? -1 : conditions.findIndex((condition) => indexedSource(condition) !== null);
    const source = first === -1 ? null : indexedSource(conditions[first]);
    if (!source) return count(runs('membership'));
    const builder = this.dataSource.manager
      .createQueryBuilder()
      .from(source.table, 'd')
      .where(`d."key" = :k${first} AND d.${source.column} ${source.op} :v${first}`, { [`k${first}`]: conditions[first].key, [`v${first}`]: conditions[first].value });
    conditions.forEach((condition, index) => {
      // Unindexed, so the count stays driven by the first condition's range: with statistics, SQLite
      // would otherwise probe run_metric_latest's primary key once per run of the other lists (~3x slower).
      if (index !== first) applyCondition(builder, condition, index, 'membership', this.unindexed('d."runId"'));
    });
    if (experimentId === undefined) return count(builder);
    const outside = (await this.countInScope(undefined)) - inScope;
    // An experiment that holds every run scopes nothing (the page still checks each run's experiment).
    if (outside === 0) return count(builder);
    if (outside <= this.limits.experimentScan) {
      // Few runs outside it: all matches less theirs, each of those runs read off the experiment index
      // and checked on its own (checking every match costs ~1 µs each: 13 of 27 ms at 20,000 matches).
      const others = await this.dataSource.manager
        .createQueryBuilder(ExperimentEntity, 'e')
        .select('e.id', 'id')
        .where('e.id <> :experimentId', { experimentId })
        .limit(MAX_OTHER_EXPERIMENTS + 1)
        .getRawMany<{ id: string }>();
      if (others.length > 0 && others.length <= MAX_OTHER_EXPERIMENTS) {
        const theirs = this.dataSource.manager.createQueryBuilder(RunEntity, 'r').where('r.experimentId IN (:...others)', { others: ids(others) });
        conditions.forEach((condition, index) => applyCondition(theirs, condition, index, 'correlated'));
        return (await count(builder)) - (await count(theirs));
      }
    }
    builder.andWhere(`EXISTS (SELECT 1 FROM "run" r WHERE r.id = d."runId" AND r."experimentId" = :experimentId)`, { experimentId });
    return count(builder);
  }

  /**
   * On SQLite, the column as an expression no index answers (`x || ''`, the same text): how a query
   * keeps the plan it was written for whatever sqlite_stat1 says. Not on PostgreSQL: its planner reads
   * real statistics, and before a table's first ANALYZE it takes every table for one row, so an
   * unindexed join key there turns a nested loop quadratic (a count of 5,000 matches ran for minutes).
   */
  private unindexed(column: string): string {
    return this.dataSource.options.type === 'postgres' ? column : `(${column} || '')`;
  }

  private countInScope(experimentId: string | undefined): Promise<number> {
    const builder = this.dataSource.manager.createQueryBuilder(RunEntity, 'r');
    if (experimentId !== undefined) builder.andWhere('r.experimentId = :experimentId', { experimentId });
    return count(builder);
  }
}

/** COUNT(*), not TypeORM's getCount (a COUNT(DISTINCT id) that sorts every id): conditions never join rows. */
async function count(builder: SelectQueryBuilder<ObjectLiteral>): Promise<number> {
  const row = await builder.select('COUNT(*)', 'count').getRawOne<{ count: string | number }>();
  return Number(row?.count ?? 0);
}

function ids(rows: Array<{ id: string }>): string[] {
  return rows.map((row) => row.id);
}

/** Where a metric, param or `tags.x = v` condition is read; null for attributes and `tags.x != v`. */
function indexedSource(condition: FilterCondition): { table: string; alias: string; column: string; op: string } | null {
  const op = condition.comparator === '!=' ? '<>' : condition.comparator;
  if (condition.scope === 'metrics') return { table: 'run_metric_latest', alias: 'm', column: '"value"', op };
  if (condition.scope === 'params') return { table: 'run_param', alias: 'p', column: typeof condition.value === 'number' ? '"valueNum"' : '"valueText"', op };
  if (condition.scope === 'tags' && condition.comparator === '=') return { table: 'run_tag', alias: 't', column: '"value"', op: '=' };
  return null;
}

/** `runId` is the expression naming the run being tested: `r.id`, or a condition table's runId when a count starts there. */
function applyCondition(builder: SelectQueryBuilder<ObjectLiteral>, condition: FilterCondition, index: number, form: ConditionForm, runId = 'r.id'): void {
  const key = `k${index}`;
  const value = `v${index}`;
  const parameters = { [key]: condition.key, [value]: condition.value };
  const source = indexedSource(condition);
  if (source) {
    const { table, alias, column, op } = source;
    builder.andWhere(
      form === 'membership'
        ? `${runId} IN (SELECT ${alias}."runId" FROM "${table}" ${alias} WHERE ${alias}."key" = :${key} AND ${alias}.${column} ${op} :${value})`
        : `EXISTS (SELECT 1 FROM "${table}" ${alias} WHERE ${alias}."runId" = ${runId} AND ${alias}."key" = :${key} AND ${alias}.${column} ${op} :${value})`,
      parameters,
    );
  } else if (condition.scope === 'tags') {
    // A run without the tag also "is not" that value. runId is never NULL, so NOT IN is exact.
    builder.andWhere(
      form === 'membership'
        ? `${runId} NOT IN (SELECT t."runId" FROM "run_tag" t WHERE t."key" = :${key} AND t."value" = :${value})`
        : `NOT EXISTS (SELECT 1 FROM "run_tag" t WHERE t."runId" = ${runId} AND t."key" = :${key} AND t."value" = :${value})`,
      parameters,
    );
  } else {
    const op = condition.comparator === '!=' ? '<>' : condition.comparator;
    builder.andWhere(`${ATTRIBUTE_COLUMNS[condition.key as RunAttribute]} ${op} :${value}`, { [value]: String(condition.value) });
  }
}

/**
 * The page in its order, read by walking an index and checking each run's conditions until the page is
 * full. Runs without the sorted metric or param come last in either direction; ties break on newest
 * first. Those runs are read only when the page reaches past the runs that have the value.
 */
async function walkInOrder(runs: (form: ConditionForm) => SelectQueryBuilder<RunEntity>, order: RunOrder, page: Page, total: number): Promise<string[]> {
  const direction = order.direction === 'desc' ? 'DESC' : 'ASC';
  if (order.scope === 'attributes') {
    const builder = runs('correlated').orderBy(ATTRIBUTE_COLUMNS[order.key as RunAttribute], direction);
    return ids(await newestFirst(builder).offset(page.offset).limit(page.limit).getRawMany<{ id: string }>());
  }
  const { table, column } = SORT_VALUES[order.scope];
  const valued = runs('correlated')
    .innerJoin(table, 'o', `o."runId" = r.id AND o."key" = :orderKey AND o."${column}" IS NOT NULL`, { orderKey: order.key })
    .orderBy(`o."${column}"`, direction);
  const first = ids(await newestFirst(valued).offset(page.offset).limit(page.limit).getRawMany<{ id: string }>());
  if (first.length === page.limit) return first;
  // The page ends past the runs with a value: how many there are fixes where the rest start.
  const withValue = first.length > 0 ? page.offset + first.length : await count(runs('membership').andWhere(hasValue(table, column, 'membership'), { orderKey: order.key }));
  if (withValue >= total) return first;
  const rest = runs('membership').andWhere(`NOT ${hasValue(table, column, 'correlated')}`, { orderKey: order.key });
  const skip = Math.max(0, page.offset - withValue);
  return [...first, ...ids(await newestFirst(rest).offset(skip).limit(page.limit - first.length).getRawMany<{ id: string }>())];
}

/** All matching runs sorted, then the page: for searches that match few runs (or attribute sorts without an index). */
async function sortMatches(builder: SelectQueryBuilder<RunEntity>, order: RunOrder, page: Page): Promise<string[]> {
  const direction = order.direction === 'desc' ? 'DESC' : 'ASC';
  if (order.scope === 'attributes') {
    const column = ATTRIBUTE_COLUMNS[order.key as RunAttribute];
    // Spelled out: SQLite sorts NULL first ascending, PostgreSQL last.
    if (NULLABLE_ATTRIBUTES.has(order.key as RunAttribute)) builder.orderBy(`CASE WHEN ${column} IS NULL THEN 1 ELSE 0 END`, 'ASC').addOrderBy(column, direction);
    else builder.orderBy(column, direction);
  } else {
    const { table, column } = SORT_VALUES[order.scope];
    builder.leftJoin(table, 'o', `o."runId" = r.id AND o."key" = :orderKey`, { orderKey: order.key });
    builder.addSelect(`o."${column}"`, 'sort_value');
    builder.orderBy(`CASE WHEN o."${column}" IS NULL THEN 1 ELSE 0 END`, 'ASC');
    builder.addOrderBy('sort_value', direction);
  }
  return ids(await newestFirst(builder).offset(page.offset).limit(page.limit).getRawMany<{ id: string }>());
}

function hasValue(table: string, column: string, form: ConditionForm): string {
  return form === 'membership'
    ? `r.id IN (SELECT o."runId" FROM "${table}" o WHERE o."key" = :orderKey AND o."${column}" IS NOT NULL)`
    : `EXISTS (SELECT 1 FROM "${table}" o WHERE o."runId" = r.id AND o."key" = :orderKey AND o."${column}" IS NOT NULL)`;
}

/**
 * Ties go newest first, then by id. TypeORM keeps one direction per ORDER BY expression, so a sort on
 * the creation time itself must not add it again: that would turn `created_at asc` into newest first.
 */
function newestFirst(builder: SelectQueryBuilder<RunEntity>): SelectQueryBuilder<RunEntity> {
  if (!(ATTRIBUTE_COLUMNS.created_at in builder.expressionMap.orderBys)) builder.addOrderBy(ATTRIBUTE_COLUMNS.created_at, 'DESC');
  return builder.addOrderBy('r.id', 'ASC');
}
