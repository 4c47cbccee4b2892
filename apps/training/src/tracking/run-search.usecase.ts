import { Injectable } from '@nestjs/common';
import type { RunPage, SearchRunsQuery } from '@galley/contracts';
import { DomainError } from '@galley/messaging';
import { DataSource, type SelectQueryBuilder } from 'typeorm';
import { toRunContract } from './run.mapper';
import { parseRunFilter, parseRunOrder, RunFilterError, type FilterCondition, type RunAttribute, type RunOrder } from './run-filter';
import { RunEntity } from './tracking.entities';
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

/**
 * Run search over indexed tables: each metric/param/tag condition is an EXISTS on its (key, value)
 * index and the sort joins one latest-metric or param row, so a search never loads runs to filter
 * them. Only the page of ids found is then read in full.
 */
@Injectable()
export class RunSearchUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tracking: TrackingRepository,
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
    const builder = this.dataSource.manager.createQueryBuilder(RunEntity, 'r').select('r.id', 'id');
    if (query.experiment !== undefined) {
      const experiment = await this.tracking.findExperiment(query.experiment);
      if (!experiment) throw new DomainError('training.experiment_not_found', `no experiment named "${query.experiment}"`, { name: query.experiment });
      builder.andWhere('r.experimentId = :experimentId', { experimentId: experiment.id });
    }
    conditions.forEach((condition, index) => applyCondition(builder, condition, index));
    const total = await builder.clone().getCount();
    applyOrder(builder, order);
    const rows = await builder.offset(query.offset).limit(query.limit).getRawMany<{ id: string }>();
    const details = await this.tracking.details(rows.map((row) => row.id));
    return { items: details.map(toRunContract), total, limit: query.limit, offset: query.offset };
  }
}

function applyCondition(builder: SelectQueryBuilder<RunEntity>, condition: FilterCondition, index: number): void {
  const key = `k${index}`;
  const value = `v${index}`;
  const op = condition.comparator === '!=' ? '<>' : condition.comparator;
  switch (condition.scope) {
    case 'metrics':
      builder.andWhere(`EXISTS (SELECT 1 FROM "run_metric_latest" m WHERE m."runId" = r.id AND m."key" = :${key} AND m."value" ${op} :${value})`, { [key]: condition.key, [value]: condition.value });
      return;
    case 'params': {
      const column = typeof condition.value === 'number' ? '"valueNum"' : '"valueText"';
      builder.andWhere(`EXISTS (SELECT 1 FROM "run_param" p WHERE p."runId" = r.id AND p."key" = :${key} AND p.${column} ${op} :${value})`, { [key]: condition.key, [value]: condition.value });
      return;
    }
    case 'tags':
      if (condition.comparator === '=') {
        builder.andWhere(`EXISTS (SELECT 1 FROM "run_tag" t WHERE t."runId" = r.id AND t."key" = :${key} AND t."value" = :${value})`, { [key]: condition.key, [value]: condition.value });
      } else {
        // A run without the tag also "is not" that value.
        builder.andWhere(`NOT EXISTS (SELECT 1 FROM "run_tag" t WHERE t."runId" = r.id AND t."key" = :${key} AND t."value" = :${value})`, { [key]: condition.key, [value]: condition.value });
      }
      return;
    case 'attributes':
      builder.andWhere(`${ATTRIBUTE_COLUMNS[condition.key as RunAttribute]} ${op} :${value}`, { [value]: String(condition.value) });
      return;
  }
}

/** Runs without the sorted metric or param come last in either direction; ties break on newest first. */
function applyOrder(builder: SelectQueryBuilder<RunEntity>, order: RunOrder): void {
  const direction = order.direction === 'desc' ? 'DESC' : 'ASC';
  if (order.scope === 'attributes') {
    builder.orderBy(ATTRIBUTE_COLUMNS[order.key as RunAttribute], direction);
  } else {
    const table = order.scope === 'metrics' ? 'run_metric_latest' : 'run_param';
    const column = order.scope === 'metrics' ? 'value' : 'valueNum';
    builder.leftJoin(table, 'o', `o."runId" = r.id AND o."key" = :orderKey`, { orderKey: order.key });
    builder.addSelect(`o."${column}"`, 'sort_value');
    builder.orderBy(`CASE WHEN o."${column}" IS NULL THEN 1 ELSE 0 END`, 'ASC');
    builder.addOrderBy('sort_value', direction);
  }
  builder.addOrderBy('r.createdAt', 'DESC').addOrderBy('r.id', 'ASC');
}
