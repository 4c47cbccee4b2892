import { randomUUID } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import {
  datasetUrn,
  FeatureEvents,
  type Actor,
  type DatasetVersion,
  type HistoricalRetrievalRequest,
  type LineageEdgeInput,
  type TrainingSet,
} from '@galley/contracts';
import { currentRequestId, DomainError, OutboxRelay } from '@galley/messaging';
import { enqueueEvent, transactional } from '@galley/persistence';
import { pointInTimeJoin, TabularError, type PointInTimeRequest } from '@galley/tabular';
import { DataSource } from 'typeorm';
import { FEATURE_STORE_CONFIG, type FeatureStoreConfig } from '../config';
import { CatalogSources } from '../registry/catalog-sources';
import { FeatureSelectionResolver, type SelectedView } from '../registry/feature-selection';
import { featureViewUrn } from '../registry/views.usecase';
import { TrainingSetOutput } from './training-set-output';

interface Spine {
  path: string;
  format: 'csv' | 'parquet' | 'jsonl';
  /** The catalog version the entity rows came from; null for inline rows. */
  version: DatasetVersion | null;
}

/**
 * Builds a training set: every entity row joined, point-in-time correct, to the latest feature values
 * at or before its timestamp (DuckDB ASOF joins in libs/tabular), stored in the catalog as a new
 * dataset version and announced with lineage from every source version and view revision.
 */
@Injectable()
export class HistoricalRetrievalUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly selection: FeatureSelectionResolver,
    private readonly sources: CatalogSources,
    private readonly output: TrainingSetOutput,
    private readonly outbox: OutboxRelay,
    @Inject(FEATURE_STORE_CONFIG) private readonly config: FeatureStoreConfig,
  ) {}

  async execute(actor: Actor, request: HistoricalRetrievalRequest): Promise<TrainingSet> {
    const selection = await this.selection.resolve(request);
    const joinKeys = [...new Set(selection.views.map((selected) => selected.view.joinKey))];
    const workDir = join(this.config.GALLEY_HOME, 'tmp', `training-set-${randomUUID()}`);
    await mkdir(workDir, { recursive: true });
    try {
      const spine = await this.spine(request, joinKeys, workDir);
      const views = await Promise.all(selection.views.map((selected) => this.viewSource(selected)));
      const outputPath = join(workDir, 'training-set.parquet');
      await this.join({
        spine: { path: spine.path, format: spine.format, joinKeys, timestampColumn: request.timestampColumn },
        views: views.map((entry) => entry.join),
        outputPath,
      });
      const description = `Training set of ${selection.refs.join(', ')}, built by the feature store`;
      const registered = await this.output.register(actor, request.output, outputPath, description);
      const version = registered.version;
      const target = datasetUrn(version.dataset, version.version);
      const edges: LineageEdgeInput[] = views.flatMap(({ sourceUrn, viewUrn }) => [
        { from: sourceUrn, to: viewUrn, relation: 'feeds' },
        { from: viewUrn, to: target, relation: 'joined_into' },
      ]);
      if (spine.version) edges.push({ from: datasetUrn(spine.version.dataset, spine.version.version), to: target, relation: 'entity_rows' });
      const trainingSet: TrainingSet = {
        dataset: version.dataset,
        version: version.version,
        rowCount: version.rowCount,
        columns: version.columns,
        features: selection.refs,
        sources: [...new Set(edges.map((edge) => edge.from))],
        created: registered.created,
      };
      await transactional(this.dataSource, (manager) =>
        enqueueEvent(manager, { subject: FeatureEvents.trainingSetBuilt.subject, payload: { trainingSet, actor, lineage: { edges } }, requestId: currentRequestId() }),
      );
      this.outbox.nudge();
      return trainingSet;
    } finally {
      await rm(workDir, { recursive: true, force: true });
    }
  }

  private async viewSource(selected: SelectedView) {
    const { view } = selected;
    const source = await this.sources.resolve(view.source.dataset, view.source.version);
    return {
      sourceUrn: datasetUrn(source.version.dataset, source.version.version),
      viewUrn: featureViewUrn(view.name, view.revision),
      join: {
        name: view.name,
        path: source.path,
        format: source.version.format,
        joinKey: view.joinKey,
        timestampColumn: view.timestampColumn,
        features: selected.features.map((feature) => ({ name: feature.name, column: feature.column })),
        ttlSeconds: view.ttlSeconds,
      },
    };
  }

  /** The entity rows as a file DuckDB reads: a catalog version as stored, or inline rows as JSON Lines. */
  private async spine(request: HistoricalRetrievalRequest, joinKeys: string[], workDir: string): Promise<Spine> {
    const required = [...joinKeys, request.timestampColumn];
    if ('rows' in request.entities) {
      const problems = request.entities.rows.flatMap((row, index) => {
        const absent = required.filter((column) => row[column] === undefined || row[column] === null);
        return absent.length > 0 ? [{ field: `entities.rows.${index}`, message: `missing ${absent.join(', ')}` }] : [];
      });
      if (problems.length > 0) {
        throw new DomainError('features.invalid_entity_rows', `${problems.length} entity row(s) lack ${required.join(' or ')}; every row needs each entity's join key and ${request.timestampColumn}`, {
          errors: problems.slice(0, 20),
        });
      }
      const path = join(workDir, 'entity-rows.jsonl');
      await writeFile(path, request.entities.rows.map((row) => JSON.stringify(row)).join('\n') + '\n');
      return { path, format: 'jsonl', version: null };
    }
    const source = await this.sources.resolve(request.entities.dataset, request.entities.version);
    const columns = new Set(source.version.columns.map((column) => column.name));
    const absent = required.filter((column) => !columns.has(column));
    if (absent.length > 0) {
      throw new DomainError('features.column_not_found', `${source.version.dataset}@${source.version.version} has no column ${absent.map((c) => `"${c}"`).join(', ')}`, {
        errors: absent.map((column) => ({ field: 'entities', message: `no column "${column}"` })),
      });
    }
    return { path: source.path, format: source.version.format, version: source.version };
  }

  private async join(request: PointInTimeRequest): Promise<void> {
    try {
      await pointInTimeJoin(request);
    } catch (error) {
      if (!(error instanceof TabularError)) throw error;
      const code = error.code === 'not_a_timestamp' ? 'features.not_a_timestamp' : error.code === 'missing_column' ? 'features.column_not_found' : 'features.invalid_entity_rows';
      throw new DomainError(code, error.message, error.details);
    }
  }
}
