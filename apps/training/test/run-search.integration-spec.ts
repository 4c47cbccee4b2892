import fc from 'fast-check';
import { SearchRunsQuerySchema, type ParamValue, type RunPage, type RunStatus } from '@galley/contracts';
import { DomainError } from '@galley/messaging';
import { buildDataSourceOptions, initializeDatabase } from '@galley/persistence';
import { createTestDatabase, testDatabaseKind, type TestDatabase } from '@galley/testing';
import type { DataSource } from 'typeorm';
import { TRAINING_MIGRATIONS } from '../src/migrations';
import { RUN_ATTRIBUTES, type Comparator, type FilterCondition, type RunAttribute, type RunOrder } from '../src/tracking/run-filter';
import { toParamRow } from '../src/tracking/run.mapper';
import { RunSearchUseCase, type RunSearchLimits } from '../src/tracking/run-search.usecase';
import { ExperimentEntity, RunEntity, RunMetricLatestEntity, RunParamEntity, RunTagEntity, TRACKING_ENTITIES } from '../src/tracking/tracking.entities';
import { TrackingRepository } from '../src/tracking/tracking.repository';

/**
 * Run search against a real database, checked against a brute-force filter and sort in JavaScript.
 * Every search runs under each of the use case's plans (walk an index or sort the matches; count from
 * the experiment or from the first condition's index), with the limits that choose between them shrunk
 * to 0 or lifted, so a few dozen runs take the paths that 100,000 runs take in production.
 */

interface SeedRun {
  id: string;
  experiment: string;
  name: string;
  status: RunStatus;
  source: 'job' | 'external';
  createdBy: string;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  params: Record<string, ParamValue>;
  tags: Record<string, string>;
  metrics: Record<string, number>;
}

interface Search {
  experiment?: string;
  conditions: FilterCondition[];
  order?: RunOrder;
  limit: number;
  offset: number;
}

const PLANS: Array<{ plan: string; limits: RunSearchLimits }> = [
  { plan: 'walk, count from the experiment', limits: { walk: Infinity, experimentScan: Infinity } },
  { plan: 'walk, count from the first condition', limits: { walk: Infinity, experimentScan: 0 } },
  { plan: 'sort, count from the experiment', limits: { walk: 0, experimentScan: Infinity } },
  { plan: 'sort, count from the first condition', limits: { walk: 0, experimentScan: 0 } },
  // Experiments over 3 runs are large; with at most 3 runs outside one, its matches are counted by subtraction.
  { plan: 'walk, a large experiment counted by subtraction', limits: { walk: Infinity, experimentScan: 3 } },
];

const COMPARATORS: Comparator[] = ['=', '!=', '<', '<=', '>', '>='];

// ---- test data ---------------------------------------------------------------------------------

const at = (second: number): string => `2026-01-01T00:00:${String(second).padStart(2, '0')}.000Z`;
let sequence = 0;

/** A finished run with nothing logged; ids and creation times ascend with each run made. */
function aRun(overrides: Partial<SeedRun> = {}): SeedRun {
  sequence += 1;
  return {
    id: `00000000-0000-4000-8000-${String(sequence).padStart(12, '0')}`,
    experiment: 'alpha',
    name: `run-${sequence}`,
    status: 'completed',
    source: 'external',
    createdBy: 'ada',
    createdAt: at(sequence % 60),
    startedAt: at(sequence % 60),
    finishedAt: at(sequence % 60),
    params: {},
    tags: {},
    metrics: {},
    ...overrides,
  };
}

async function seed(dataSource: DataSource, runs: readonly SeedRun[]): Promise<void> {
  await dataSource.transaction(async (manager) => {
    for (const table of ['run_metric_latest', 'run_tag', 'run_param', 'run', 'experiment']) await manager.query(`DELETE FROM "${table}"`);
    const experiments = [...new Set(['alpha', 'beta', ...runs.map((run) => run.experiment)])];
    const experimentId = (name: string) => `e0000000-0000-4000-8000-${String(experiments.indexOf(name)).padStart(12, '0')}`;
    await manager.insert(
      ExperimentEntity,
      experiments.map((name) => ({ id: experimentId(name), name, description: '', owner: 'ada', createdAt: at(0) })),
    );
    if (runs.length === 0) return;
    await manager.insert(
      RunEntity,
      runs.map((run) => ({ ...run, experimentId: experimentId(run.experiment), jobId: null, environment: {}, error: null })),
    );
    const params = runs.flatMap((run) => Object.entries(run.params).map(([key, value]) => toParamRow(run.id, key, value)));
    const tags = runs.flatMap((run) => Object.entries(run.tags).map(([key, value]) => ({ runId: run.id, key, value })));
    const metrics = runs.flatMap((run) => Object.entries(run.metrics).map(([key, value]) => ({ runId: run.id, key, value, step: 1 })));
    if (params.length > 0) await manager.insert(RunParamEntity, params);
    if (tags.length > 0) await manager.insert(RunTagEntity, tags);
    if (metrics.length > 0) await manager.insert(RunMetricLatestEntity, metrics);
  });
}

// ---- the reference: the documented rules, by brute force ---------------------------------------

const ATTRIBUTE_OF: Record<RunAttribute, (run: SeedRun) => string | null> = {
  status: (run) => run.status,
  name: (run) => run.name,
  source: (run) => run.source,
  created_at: (run) => run.createdAt,
  started_at: (run) => run.startedAt,
  finished_at: (run) => run.finishedAt,
  created_by: (run) => run.createdBy,
};

function compares<T extends number | string>(left: T, comparator: Comparator, right: T): boolean {
  switch (comparator) {
    case '=':
      return left === right;
    case '!=':
      return left !== right;
    case '<':
      return left < right;
    case '<=':
      return left <= right;
    case '>':
      return left > right;
    case '>=':
      return left >= right;
  }
}

/**
 * A run matches when it has the field and the comparison holds, whatever the comparator (`!=` too),
 * except `tags.k != v`, which a run without the tag also matches. Numbers compare with a param's
 * numeric reading (a numeric string counts), quoted strings with its text; attributes compare as text.
 */
function holds(run: SeedRun, { scope, key, comparator, value }: FilterCondition): boolean {
  switch (scope) {
    case 'metrics':
      return key in run.metrics && compares(run.metrics[key], comparator, value as number);
    case 'params': {
      if (!(key in run.params)) return false;
      const row = toParamRow(run.id, key, run.params[key]);
      return typeof value === 'number' ? row.valueNum !== null && compares(row.valueNum, comparator, value) : compares(row.valueText, comparator, value);
    }
    case 'tags': {
      const equal = key in run.tags && run.tags[key] === String(value);
      return comparator === '=' ? equal : !equal;
    }
    case 'attributes': {
      const attribute = ATTRIBUTE_OF[key as RunAttribute](run);
      return attribute !== null && compares(attribute, comparator, String(value));
    }
  }
}

function sortValue(run: SeedRun, order: RunOrder): number | string | null {
  if (order.scope === 'metrics') return run.metrics[order.key] ?? null;
  if (order.scope === 'params') return order.key in run.params ? toParamRow(run.id, order.key, run.params[order.key]).valueNum : null;
  return ATTRIBUTE_OF[order.key as RunAttribute](run);
}

/** Runs without the sorted value come last in either direction; ties go newest first, then by id. */
function referenceOrder(runs: readonly SeedRun[], order: RunOrder = { scope: 'attributes', key: 'created_at', direction: 'desc' }): SeedRun[] {
  const newestFirst = (a: SeedRun, b: SeedRun) => (a.createdAt === b.createdAt ? (a.id < b.id ? -1 : 1) : a.createdAt > b.createdAt ? -1 : 1);
  return [...runs].sort((a, b) => {
    const [x, y] = [sortValue(a, order), sortValue(b, order)];
    if (x === null || y === null) return x === y ? newestFirst(a, b) : x === null ? 1 : -1;
    if (x === y) return newestFirst(a, b);
    return (x < y ? -1 : 1) * (order.direction === 'asc' ? 1 : -1);
  });
}

function reference(runs: readonly SeedRun[], search: Search): { ids: string[]; total: number } {
  const matching = runs.filter((run) => (search.experiment === undefined || run.experiment === search.experiment) && search.conditions.every((condition) => holds(run, condition)));
  const ordered = referenceOrder(matching, search.order).map((run) => run.id);
  return { ids: ordered.slice(search.offset, search.offset + search.limit), total: ordered.length };
}

// ---- the search as a client writes it --------------------------------------------------------

function literal(value: number | string): string {
  return typeof value === 'number' ? String(value) : `'${value.replaceAll("'", "''")}'`;
}

function filterText(conditions: readonly FilterCondition[]): string | undefined {
  if (conditions.length === 0) return undefined;
  return conditions.map(({ scope, key, comparator, value }) => `${scope}.${key} ${comparator} ${literal(value)}`).join(' and ');
}

function orderText(order: RunOrder | undefined): string | undefined {
  return order && `${order.scope}.${order.key} ${order.direction}`;
}

describe(`run search over indexed tables (${testDatabaseKind()})`, () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = await initializeDatabase(
      buildDataSourceOptions({ service: 'training', galleyHome: database.galleyHome, databaseUrl: database.databaseUrl, entities: TRACKING_ENTITIES, migrations: TRAINING_MIGRATIONS }),
    );
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  const searchWith = (limits: RunSearchLimits, query: { experiment?: string; filter?: string; orderBy?: string; limit?: number; offset?: number }): Promise<RunPage> =>
    new RunSearchUseCase(dataSource, new TrackingRepository(dataSource), limits).execute(SearchRunsQuerySchema.parse(query));

  /** The page every plan gives; they must all give the same one. */
  const search = async (query: Parameters<typeof searchWith>[1]): Promise<{ ids: string[]; total: number }> => {
    const pages = [];
    for (const { plan, limits } of PLANS) {
      const page = await searchWith(limits, query);
      pages.push({ plan, ids: page.items.map((item) => item.id), total: page.total });
    }
    for (const page of pages.slice(1)) expect({ ...page, plan: pages[0].plan }).toEqual(pages[0]);
    return { ids: pages[0].ids, total: pages[0].total };
  };

  const refusal = async (query: Parameters<typeof searchWith>[1]): Promise<DomainError> => {
    const failure: unknown = await searchWith(PLANS[0].limits, query).then(
      () => null,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(DomainError);
    return failure as DomainError;
  };

  describe('filters', () => {
    // Values chosen so that each comparator splits them differently.
    const low = aRun({ params: { lr: 0.001, optimizer: 'adam', layers: '2' }, metrics: { val_auc: 0.7 }, tags: { team: 'vision' } });
    const mid = aRun({ params: { lr: 0.01, optimizer: 'sgd', layers: 3 }, metrics: { val_auc: 0.9 }, tags: { team: 'nlp' } });
    const high = aRun({ params: { lr: 0.1, optimizer: 'rmsprop', layers: true }, metrics: { val_auc: 0.95 } });
    const bare = aRun({ status: 'running', finishedAt: null });
    const runs = [low, mid, high, bare];
    const ids = (...expected: SeedRun[]) => expected.map((run) => run.id).sort();
    const matching = async (filter: string) => (await search({ filter, limit: 1000 })).ids.sort();

    beforeAll(() => seed(dataSource, runs));

    it.each([
      ['=', [mid]],
      ['!=', [low, high]],
      ['<', [low]],
      ['<=', [low, mid]],
      ['>', [high]],
      ['>=', [mid, high]],
    ] as const)('compares a metric with %s, never matching a run without it', async (comparator, expected) => {
      expect(await matching(`metrics.val_auc ${comparator} 0.9`)).toEqual(ids(...expected));
    });

    it.each([
      ['=', [mid]],
      ['!=', [low, high]],
      ['<', [low]],
      ['<=', [low, mid]],
      ['>', [high]],
      ['>=', [mid, high]],
    ] as const)('compares a numeric param with %s, never matching a run without it', async (comparator, expected) => {
      expect(await matching(`params.lr ${comparator} 0.01`)).toEqual(ids(...expected));
    });

    it.each([
      ['=', [mid]],
      ['!=', [low, high]],
      ['<', [low, high]],
      ['<=', [low, high, mid]],
      ['>', []],
      ['>=', [mid]],
    ] as const)('compares a quoted param as text with %s', async (comparator, expected) => {
      expect(await matching(`params.optimizer ${comparator} 'sgd'`)).toEqual(ids(...expected));
    });

    it('reads a numeric string param as a number, and a number param as its text', async () => {
      expect(await matching('params.layers >= 2')).toEqual(ids(low, mid));
      expect(await matching("params.layers = '3'")).toEqual(ids(mid));
      expect(await matching("params.layers = 'true'")).toEqual(ids(high));
    });

    it('matches a tag by value, and a run without the tag as not having that value', async () => {
      expect(await matching("tags.team = 'vision'")).toEqual(ids(low));
      expect(await matching("tags.team != 'vision'")).toEqual(ids(mid, high, bare));
    });

    it('compares attributes as text, never matching a run without one', async () => {
      expect(await matching("attributes.status = 'running'")).toEqual(ids(bare));
      expect(await matching(`attributes.name = '${mid.name}'`)).toEqual(ids(mid));
      expect(await matching(`attributes.created_at > '${low.createdAt}'`)).toEqual(ids(mid, high, bare));
      expect(await matching("attributes.finished_at != ''")).toEqual(ids(low, mid, high));
      expect(await matching("attributes.source = 'external' and attributes.created_by = 'ada'")).toEqual(ids(low, mid, high, bare));
    });

    it('joins conditions with and, in any case, each one narrowing the match', async () => {
      expect(await matching("metrics.val_auc > 0.8 and params.lr <= 0.01")).toEqual(ids(mid));
      expect(await matching("metrics.val_auc > 0.5 AND tags.team != 'nlp' And attributes.status = 'completed'")).toEqual(ids(low, high));
      expect(await matching("tags.team != 'vision' and tags.team != 'nlp'")).toEqual(ids(high, bare));
    });

    it('counts the matches whatever the page', async () => {
      expect(await search({ filter: 'metrics.val_auc >= 0.7', limit: 1 })).toMatchObject({ total: 3 });
      expect(await search({ filter: 'metrics.val_auc >= 0.7', limit: 1, offset: 5 })).toEqual({ ids: [], total: 3 });
    });
  });

  describe('order', () => {
    const first = aRun({ params: { lr: 0.1, note: 'x' }, metrics: { loss: 0.5 }, startedAt: null, name: 'b' });
    const second = aRun({ params: { lr: 0.01 }, metrics: { loss: 0.2 }, name: 'c' });
    const tiedNewer = aRun({ params: { lr: '0.01' }, metrics: { loss: 0.2 }, name: 'a' });
    const unscored = aRun({ params: { lr: 'high' }, name: 'a' });
    const runs = [first, second, tiedNewer, unscored];
    const names = (page: { ids: string[] }) => page.ids.map((id) => runs.find((run) => run.id === id)?.name);
    const byId = (...expected: SeedRun[]) => expected.map((run) => run.id);

    beforeAll(() => seed(dataSource, runs));

    it('puts the newest runs first by default', async () => {
      expect((await search({})).ids).toEqual(byId(...referenceOrder(runs)));
      expect((await search({})).ids).toEqual(byId(unscored, tiedNewer, second, first));
    });

    it('puts runs without the sorted metric last in either direction, ties newest first', async () => {
      expect((await search({ orderBy: 'metrics.loss asc' })).ids).toEqual(byId(tiedNewer, second, first, unscored));
      expect((await search({ orderBy: 'metrics.loss desc' })).ids).toEqual(byId(first, tiedNewer, second, unscored));
    });

    it('sorts a param by its numeric reading; a non-numeric param sorts like a missing one', async () => {
      expect((await search({ orderBy: 'params.lr' })).ids).toEqual(byId(tiedNewer, second, first, unscored));
      expect((await search({ orderBy: 'params.lr desc' })).ids).toEqual(byId(first, tiedNewer, second, unscored));
      expect((await search({ orderBy: 'params.note desc' })).ids).toEqual(byId(unscored, tiedNewer, second, first));
    });

    it('sorts text attributes as text and puts runs without a time last in either direction', async () => {
      expect(names(await search({ orderBy: 'attributes.name asc' }))).toEqual(['a', 'a', 'b', 'c']);
      expect((await search({ orderBy: 'attributes.started_at asc' })).ids.at(-1)).toBe(first.id);
      expect((await search({ orderBy: 'attributes.started_at desc' })).ids.at(-1)).toBe(first.id);
      expect((await search({ orderBy: 'attributes.created_at asc' })).ids).toEqual(byId(first, second, tiedNewer, unscored));
    });
  });

  describe('pagination', () => {
    const runs = Array.from({ length: 57 }, (_, i) =>
      aRun({
        experiment: i % 3 === 0 ? 'beta' : 'alpha',
        createdAt: at(i % 7),
        metrics: i % 4 === 0 ? {} : { val_auc: (i % 5) / 5 },
        params: { lr: [0.1, 0.01, 'n/a'][i % 3] },
        tags: i % 2 === 0 ? { team: 'vision' } : {},
      }),
    );

    beforeAll(() => seed(dataSource, runs));

    const vision: FilterCondition = { scope: 'tags', key: 'team', comparator: '=', value: 'vision' };
    const notVision: FilterCondition = { ...vision, comparator: '!=' };
    const scored: FilterCondition = { scope: 'metrics', key: 'val_auc', comparator: '>=', value: 0.4 };
    const order = (scope: RunOrder['scope'], key: string, direction: RunOrder['direction']): RunOrder => ({ scope, key, direction });

    it.each([
      [[], order('metrics', 'val_auc', 'desc'), 5],
      [[], order('metrics', 'val_auc', 'asc'), 8],
      [[vision], order('params', 'lr', 'desc'), 4],
      [[scored], undefined, 3],
      [[notVision, scored], order('attributes', 'name', 'asc'), 6],
    ])('pages through %j by %j, %d at a time: each run once, none skipped, the total on every page', async (conditions, sort, limit) => {
      const expected = reference(runs, { conditions, order: sort, limit: runs.length, offset: 0 });
      const [filter, orderBy] = [filterText(conditions), orderText(sort)];
      const seen: string[] = [];
      for (let offset = 0; offset < expected.total + limit; offset += limit) {
        const page = await search({ filter, orderBy, limit, offset });
        expect(page.total).toBe(expected.total);
        seen.push(...page.ids);
      }
      expect(seen).toEqual(expected.ids);
      expect(new Set(seen).size).toBe(seen.length);
    });

    it('scopes a search to one experiment', async () => {
      const beta = runs.filter((run) => run.experiment === 'beta');
      const scoped = await search({ experiment: 'beta', orderBy: 'metrics.val_auc desc', limit: 1000 });
      expect(scoped.total).toBe(beta.length);
      expect(scoped.ids).toEqual(referenceOrder(beta, { scope: 'metrics', key: 'val_auc', direction: 'desc' }).map((run) => run.id));
      expect(await search({ experiment: 'beta', filter: "tags.team = 'vision' and metrics.val_auc > 0.3" })).toEqual(
        reference(runs, {
          experiment: 'beta',
          conditions: [
            { scope: 'tags', key: 'team', comparator: '=', value: 'vision' },
            { scope: 'metrics', key: 'val_auc', comparator: '>', value: 0.3 },
          ],
          limit: 100,
          offset: 0,
        }),
      );
    });

    it('counts an experiment that holds every run like no experiment, and checks nothing per run', async () => {
      const alpha = runs.filter((run) => run.experiment === 'alpha');
      await seed(dataSource, alpha);
      try {
        const conditions: FilterCondition[] = [scored, vision];
        expect(await search({ experiment: 'alpha', filter: filterText(conditions), orderBy: 'metrics.val_auc desc', limit: 7 })).toEqual(
          reference(alpha, { experiment: 'alpha', conditions, order: order('metrics', 'val_auc', 'desc'), limit: 7, offset: 0 }),
        );
        expect(await search({ experiment: 'beta', filter: filterText(conditions) })).toEqual({ ids: [], total: 0 });
      } finally {
        await seed(dataSource, runs);
      }
    });

    it('counts a large experiment with few runs outside it as all matches less theirs', async () => {
      // alpha holds 38 runs and beta 19: with experiments over 20 runs large, alpha is counted by subtraction.
      const conditions: FilterCondition[] = [scored, vision];
      const expected = reference(runs, { experiment: 'alpha', conditions, limit: 10, offset: 0 });
      const page = await searchWith({ walk: Infinity, experimentScan: 20 }, { experiment: 'alpha', filter: filterText(conditions), limit: 10 });
      expect({ ids: page.items.map((item) => item.id), total: page.total }).toEqual(expected);
      expect(expected.total).toBeGreaterThan(0);
    });

    it('refuses an experiment that does not exist', async () => {
      expect(await refusal({ experiment: 'gamma' })).toMatchObject({ code: 'training.experiment_not_found' });
    });
  });

  describe('refusals', () => {
    it.each([
      ['metrics.auc >> 1', /expected a number or a quoted string/],
      ['metrics.auc ~ 1', /cannot read/],
      ["params.optimizer LIKE 'a%'", /cannot read/],
      ["params.optimizer ILIKE 'a%'", /cannot read/],
      ['params.lr IN (0.1, 0.01)', /cannot read/],
      ['metrics.auc > 1 or metrics.auc < 0', /cannot read/],
      ['auc > 1', /cannot read|expected/],
      ['runs.auc > 1', /cannot read|expected/],
      ['attributes.password = 1', /unknown attribute/],
      ["metrics.auc > 'high'", /compares with a number/],
      ["tags.team > 'a'", /= or !=/],
      ['metrics.auc > 1e999', /not a finite number/],
      ['params.lr < -1e400', /not a finite number/],
      ['metrics.auc > 1 and', /ends with "and"/],
    ])('refuses the filter %s, saying why', async (filter, reason) => {
      const error = await refusal({ filter });
      expect(error.code).toBe('training.invalid_filter');
      expect(error.message).toMatch(reason);
    });

    it.each([['metrics.auc sideways'], ['attributes.password desc'], ['tags.team asc']])('refuses the order %s', async (orderBy) => {
      expect(await refusal({ orderBy })).toMatchObject({ code: 'training.invalid_filter' });
    });
  });

  describe('against a brute-force filter and sort', () => {
    const EXPERIMENTS = ['alpha', 'beta'];
    const times = fc.integer({ min: 0, max: 5 }).map(at);
    const optional = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined, freq: 3 });
    const defined = <V>(record: Record<string, V | undefined>): Record<string, V> =>
      Object.fromEntries(Object.entries(record).filter((entry): entry is [string, V] => entry[1] !== undefined));

    // Few distinct values, so that ties, missing values and equal comparisons are common.
    const runArbitrary = fc.record({
      experiment: fc.constantFrom(...EXPERIMENTS),
      name: fc.constantFrom('a', 'b', 'run-1', 'run-10'),
      status: fc.constantFrom<RunStatus>('running', 'completed', 'failed'),
      source: fc.constantFrom<'job' | 'external'>('job', 'external'),
      createdBy: fc.constantFrom('ada', 'bob'),
      createdAt: times,
      startedAt: fc.option(times, { nil: null }),
      finishedAt: fc.option(times, { nil: null }),
      params: fc
        .record({
          lr: optional(fc.constantFrom<ParamValue>(0.1, 0.01, 0.001, '0.01', 'auto')),
          optimizer: optional(fc.constantFrom<ParamValue>('adam', 'sgd')),
          layers: optional(fc.constantFrom<ParamValue>(1, 2, 3, '3', true, -1.5)),
        })
        .map(defined),
      tags: fc.record({ team: optional(fc.constantFrom('vision', 'nlp')), owner: optional(fc.constantFrom('ada', 'bob')) }).map(defined),
      metrics: fc.record({ val_auc: optional(fc.constantFrom(0.5, 0.7, 0.9, 0.95)), loss: optional(fc.constantFrom(-1, 0, 0.25, 2)) }).map(defined),
    });
    const runsArbitrary = fc.array(runArbitrary, { maxLength: 30 }).chain((runs) =>
      fc.uniqueArray(fc.uuid({ version: 4 }), { minLength: runs.length, maxLength: runs.length }).map((ids) => runs.map((run, i): SeedRun => ({ ...run, id: ids[i] }))),
    );

    const comparator = fc.constantFrom(...COMPARATORS);
    const attributeValues: Record<RunAttribute, fc.Arbitrary<string>> = {
      status: fc.constantFrom('running', 'completed', 'failed'),
      name: fc.constantFrom('a', 'b', 'run-1', 'run-2'),
      source: fc.constantFrom('job', 'external'),
      created_at: times,
      started_at: times,
      finished_at: times,
      created_by: fc.constantFrom('ada', 'bob', 'b'),
    };
    const conditionArbitrary: fc.Arbitrary<FilterCondition> = fc.oneof(
      fc.record({ scope: fc.constant('metrics' as const), key: fc.constantFrom('val_auc', 'loss', 'absent'), comparator, value: fc.constantFrom(0.5, 0.9, 0.95, -1, 0, 2) }),
      fc.record({
        scope: fc.constant('params' as const),
        key: fc.constantFrom('lr', 'optimizer', 'layers', 'absent'),
        comparator,
        value: fc.constantFrom<number | string>(0.01, 0.1, 3, -1.5, '0.01', 'adam', 'sgd', '3', 'true'),
      }),
      fc.record({ scope: fc.constant('tags' as const), key: fc.constantFrom('team', 'owner', 'absent'), comparator: fc.constantFrom<Comparator>('=', '!='), value: fc.constantFrom('vision', 'nlp', 'ada') }),
      fc.constantFrom(...RUN_ATTRIBUTES).chain((key) => fc.record({ scope: fc.constant('attributes' as const), key: fc.constant(key), comparator, value: attributeValues[key] })),
    );
    const orderArbitrary: fc.Arbitrary<RunOrder | undefined> = fc.option(
      fc.oneof(
        fc.record({ scope: fc.constant('metrics' as const), key: fc.constantFrom('val_auc', 'loss', 'absent'), direction: fc.constantFrom<'asc' | 'desc'>('asc', 'desc') }),
        fc.record({ scope: fc.constant('params' as const), key: fc.constantFrom('lr', 'layers', 'optimizer'), direction: fc.constantFrom<'asc' | 'desc'>('asc', 'desc') }),
        fc.record({ scope: fc.constant('attributes' as const), key: fc.constantFrom(...RUN_ATTRIBUTES), direction: fc.constantFrom<'asc' | 'desc'>('asc', 'desc') }),
      ),
      { nil: undefined },
    );
    const searchArbitrary: fc.Arbitrary<Search> = fc.record({
      experiment: fc.option(fc.constantFrom(...EXPERIMENTS), { nil: undefined }),
      conditions: fc.array(conditionArbitrary, { maxLength: 3 }),
      order: orderArbitrary,
      limit: fc.integer({ min: 1, max: 8 }),
      offset: fc.integer({ min: 0, max: 12 }),
    });

    it('finds, counts and orders what a brute-force filter and sort over the same runs does', async () => {
      await fc.assert(
        fc.asyncProperty(runsArbitrary, fc.array(searchArbitrary, { minLength: 1, maxLength: 6 }), async (runs, searches) => {
          await seed(dataSource, runs);
          for (const query of searches) {
            const expected = reference(runs, query);
            for (const { plan, limits } of PLANS) {
              const page = await searchWith(limits, { experiment: query.experiment, filter: filterText(query.conditions), orderBy: orderText(query.order), limit: query.limit, offset: query.offset });
              expect({ plan, ids: page.items.map((item) => item.id), total: page.total }).toEqual({ plan, ...expected });
            }
          }
        }),
        { numRuns: 40 },
      );
    }, 180_000);
  });
});
