import { z } from 'zod';
import {
  FeatureEntitySchema,
  FeatureServiceSchema,
  FeatureViewFreshnessSchema,
  FeatureViewSchema,
  MaterializationSchema,
  OnlineFeaturesResponseSchema,
  TrainingSetSchema,
} from '@galley/contracts';
import type {
  CreateEntityRequest,
  CreateFeatureServiceRequest,
  FeatureEntity,
  FeatureService,
  FeatureView,
  FeatureViewDefinition,
  FeatureViewFreshness,
  HistoricalRetrievalRequest,
  Materialization,
  MaterializeRequest,
  OnlineFeaturesRequest,
  OnlineFeaturesResponse,
  TrainingSet,
} from '@galley/contracts';

interface Parser<T> {
  parse(value: unknown): T;
}

/**
 * How the feature calls reach the API: the GalleyClient's own request path (auth, problem+json
 * errors, contract parsing), handing back the status too, because 201 and 200 mean different things
 * when a view definition is applied.
 */
export type FeatureTransport = <T>(method: string, path: string, schema: Parser<T>, body?: unknown) => Promise<{ status: number; value: T }>;

/** Fields the server defaults may be left out. */
export type CreateEntityInput = Omit<CreateEntityRequest, 'description'> & Partial<Pick<CreateEntityRequest, 'description'>>;
export type FeatureViewInput = Omit<FeatureViewDefinition, 'ttlSeconds' | 'description' | 'tags'> &
  Partial<Pick<FeatureViewDefinition, 'ttlSeconds' | 'description' | 'tags'>>;
export type CreateFeatureServiceInput = Omit<CreateFeatureServiceRequest, 'description'> & Partial<Pick<CreateFeatureServiceRequest, 'description'>>;
export type TrainingSetInput = Omit<HistoricalRetrievalRequest, 'timestampColumn'> & Partial<Pick<HistoricalRetrievalRequest, 'timestampColumn'>>;

/** What applying a definition did: a new revision (`created`), or nothing because it was unchanged. */
export interface AppliedView {
  view: FeatureView;
  created: boolean;
}

export interface WaitForMaterializationOptions {
  /** Between two polls; 500 ms by default. */
  intervalMs?: number;
  /** Called with every state seen, the first included. */
  onProgress?: (materialization: Materialization) => void;
  signal?: AbortSignal;
}

const list = <T>(item: z.ZodType<T>) => z.object({ items: z.array(item) });
const EntityList = list(FeatureEntitySchema);
const ViewList = list(FeatureViewSchema);
const ServiceList = list(FeatureServiceSchema);

/** The feature store's part of the REST API: `galley.features.*`. */
export class FeaturesApi {
  constructor(private readonly transport: FeatureTransport) {}

  createEntity(entity: CreateEntityInput): Promise<FeatureEntity> {
    return this.call('POST', '/entities', FeatureEntitySchema, entity);
  }

  async listEntities(): Promise<FeatureEntity[]> {
    return (await this.call('GET', '/entities', EntityList)).items;
  }

  getEntity(name: string): Promise<FeatureEntity> {
    return this.call('GET', `/entities/${encodeURIComponent(name)}`, FeatureEntitySchema);
  }

  /** Creates the view, or its next revision when the definition changed; the same definition again changes nothing. */
  async applyView(definition: FeatureViewInput): Promise<AppliedView> {
    const { status, value } = await this.transport('POST', '/feature-views', FeatureViewSchema, definition);
    return { view: value, created: status === 201 };
  }

  async listViews(): Promise<FeatureView[]> {
    return (await this.call('GET', '/feature-views', ViewList)).items;
  }

  /** The current revision, or the one asked for. */
  getView(name: string, revision?: number): Promise<FeatureView> {
    const path = revision === undefined ? viewPath(name) : `${viewPath(name)}/revisions/${revision}`;
    return this.call('GET', path, FeatureViewSchema);
  }

  /** Every revision, oldest first. */
  async listViewRevisions(name: string): Promise<FeatureView[]> {
    return (await this.call('GET', `${viewPath(name)}/revisions`, ViewList)).items;
  }

  createService(service: CreateFeatureServiceInput): Promise<FeatureService> {
    return this.call('POST', '/feature-services', FeatureServiceSchema, service);
  }

  async listServices(): Promise<FeatureService[]> {
    return (await this.call('GET', '/feature-services', ServiceList)).items;
  }

  getService(name: string): Promise<FeatureService> {
    return this.call('GET', `/feature-services/${encodeURIComponent(name)}`, FeatureServiceSchema);
  }

  /** Builds a point-in-time-correct training set, stored in the catalog as a new version of `output`. */
  buildTrainingSet(request: TrainingSetInput): Promise<TrainingSet> {
    return this.call('POST', '/features/historical', TrainingSetSchema, request);
  }

  /** The latest values of each entity in the online store, each with its status and event time. */
  getOnlineFeatures(request: OnlineFeaturesRequest): Promise<OnlineFeaturesResponse> {
    return this.call('POST', '/features/online', OnlineFeaturesResponseSchema, request);
  }

  /** Starts writing the view's latest values online; the run goes on in the background (see `waitForMaterialization`). */
  materialize(view: string, window: MaterializeRequest = {}): Promise<Materialization> {
    return this.call('POST', `${viewPath(view)}/materialize`, MaterializationSchema, window);
  }

  getMaterialization(id: string): Promise<Materialization> {
    return this.call('GET', `/materializations/${encodeURIComponent(id)}`, MaterializationSchema);
  }

  /** Polls a materialization until it is no longer running, and returns how it ended. */
  async waitForMaterialization(id: string, options: WaitForMaterializationOptions = {}): Promise<Materialization> {
    const intervalMs = options.intervalMs ?? 500;
    for (;;) {
      options.signal?.throwIfAborted();
      const current = await this.getMaterialization(id);
      options.onProgress?.(current);
      if (current.status !== 'running') return current;
      await delay(intervalMs, options.signal);
    }
  }

  getFreshness(view: string): Promise<FeatureViewFreshness> {
    return this.call('GET', `${viewPath(view)}/freshness`, FeatureViewFreshnessSchema);
  }

  private async call<T>(method: string, path: string, schema: Parser<T>, body?: unknown): Promise<T> {
    return (await this.transport(method, path, schema, body)).value;
  }
}

function viewPath(name: string): string {
  return `/feature-views/${encodeURIComponent(name)}`;
}

function delay(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortReason(signal));
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', abort);
      resolve();
    }, ms);
    const abort = () => {
      clearTimeout(timer);
      reject(abortReason(signal));
    };
    signal?.addEventListener('abort', abort, { once: true });
  });
}

function abortReason(signal: AbortSignal | undefined): Error {
  return signal?.reason instanceof Error ? signal.reason : new Error('aborted');
}
