import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import type { RunDetails } from './run.mapper';
import { ExperimentEntity, RunEntity, RunMetricLatestEntity, RunParamEntity, RunTagEntity } from './tracking.entities';

@Injectable()
export class TrackingRepository {
  constructor(private readonly dataSource: DataSource) {}

  manager(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  findExperiment(name: string, manager?: EntityManager): Promise<ExperimentEntity | null> {
    return this.manager(manager).findOneBy(ExperimentEntity, { name });
  }

  async listExperimentsWithCounts(): Promise<Array<{ experiment: ExperimentEntity; runCount: number }>> {
    const experiments = await this.manager().find(ExperimentEntity, { order: { name: 'ASC' } });
    const counts = await this.manager()
      .createQueryBuilder(RunEntity, 'r')
      .select('r.experimentId', 'experimentId')
      .addSelect('COUNT(*)', 'count')
      .groupBy('r.experimentId')
      .getRawMany<{ experimentId: string; count: string | number }>();
    const byId = new Map(counts.map((row) => [row.experimentId, Number(row.count)]));
    return experiments.map((experiment) => ({ experiment, runCount: byId.get(experiment.id) ?? 0 }));
  }

  countRuns(experimentId: string): Promise<number> {
    return this.manager().countBy(RunEntity, { experimentId });
  }

  findRun(id: string, manager?: EntityManager): Promise<RunEntity | null> {
    return this.manager(manager).findOneBy(RunEntity, { id });
  }

  /** Runs with their experiment names, params, tags and latest metrics, in the order of `ids`. */
  async details(ids: readonly string[], manager?: EntityManager): Promise<RunDetails[]> {
    if (ids.length === 0) return [];
    const m = this.manager(manager);
    const [runs, params, tags, metrics] = await Promise.all([
      m.findBy(RunEntity, { id: In([...ids]) }),
      m.findBy(RunParamEntity, { runId: In([...ids]) }),
      m.findBy(RunTagEntity, { runId: In([...ids]) }),
      m.findBy(RunMetricLatestEntity, { runId: In([...ids]) }),
    ]);
    const experiments = await m.findBy(ExperimentEntity, { id: In([...new Set(runs.map((run) => run.experimentId))]) });
    const experimentName = new Map(experiments.map((experiment) => [experiment.id, experiment.name]));
    const group = <T extends { runId: string }>(rows: T[]) => {
      const map = new Map<string, T[]>();
      for (const row of rows) map.set(row.runId, [...(map.get(row.runId) ?? []), row]);
      return map;
    };
    const [paramsOf, tagsOf, metricsOf] = [group(params), group(tags), group(metrics)];
    const byId = new Map(runs.map((run) => [run.id, run]));
    return ids.flatMap((id) => {
      const run = byId.get(id);
      if (!run) return [];
      return [{ run, experiment: experimentName.get(run.experimentId) ?? '', params: paramsOf.get(id) ?? [], tags: tagsOf.get(id) ?? [], metrics: metricsOf.get(id) ?? [] }];
    });
  }
}
