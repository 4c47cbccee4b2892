import 'reflect-metadata';
import type { INestMicroservice } from '@nestjs/common';
import { CatalogRequests, healthSubject, ServiceHealthSchema, STREAMS, type Actor } from '@galley/contracts';
import { BusClient, connectToNats, createServiceApp, RemoteError } from '@galley/messaging';
import { createTestDatabase, startNatsServer, waitFor, type RunningNatsServer, type TestDatabase } from '@galley/testing';
import type { NatsConnection } from 'nats';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { CatalogModule, CATALOG_SERVICE } from '../src/app.module';
import { loadCatalogConfig } from '../src/config';
import { CreateDatasetUseCase } from '../src/datasets/create-dataset.usecase';

const alice: Actor = { kind: 'user', id: 'u-alice', name: 'alice', roles: ['data-scientist'] };
const bob: Actor = { kind: 'user', id: 'u-bob', name: 'bob', roles: ['data-scientist'] };

function aDataset(overrides: Partial<{ name: string; description: string; tags: string[] }> = {}) {
  return { name: `ds-${Math.random().toString(36).slice(2, 10)}`, description: '', tags: [], ...overrides };
}

describe(`catalog datasets over NATS (${process.env['GALLEY_TEST_DATABASE'] ?? 'sqlite'})`, () => {
  let nats: RunningNatsServer;
  let database: TestDatabase;
  let app: INestMicroservice;
  let connection: NatsConnection;
  let bus: BusClient;

  beforeAll(async () => {
    nats = await startNatsServer();
    database = await createTestDatabase();
    const config = loadCatalogConfig({ ...database.env, NATS_URL: nats.url, LOG_LEVEL: 'warn' });
    app = await createServiceApp({ service: CATALOG_SERVICE, module: CatalogModule.forConfig(config), natsUrl: nats.url });
    await app.listen();
    connection = await connectToNats({ url: nats.url, name: 'catalog-test' });
    bus = new BusClient(connection, 3_000);
  });

  afterAll(async () => {
    await connection?.close();
    await app?.close();
    await nats?.stop();
    await database?.drop();
  });

  async function countDatasets(): Promise<number> {
    return (await bus.request(CatalogRequests.listDatasets, { query: { limit: 1, offset: 0 } })).total;
  }

  async function expectRemoteError(promise: Promise<unknown>, code: string): Promise<RemoteError> {
    const error = await promise.then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(RemoteError);
    expect((error as RemoteError).code).toBe(code);
    return error as RemoteError;
  }

  it('creates a dataset owned by the caller and reads it back by name', async () => {
    const request = aDataset({ description: 'Daily weather in Seattle', tags: ['weather', 'demo'] });
    const created = await bus.request(CatalogRequests.createDataset, { actor: alice, dataset: request });
    expect(created).toMatchObject({ name: request.name, owner: 'alice', tags: ['weather', 'demo'], description: 'Daily weather in Seattle' });
    expect(Date.parse(created.createdAt)).not.toBeNaN();
    await expect(bus.request(CatalogRequests.getDataset, { name: request.name })).resolves.toEqual(created);
  });

  it('answers catalog.dataset_exists when the name is taken', async () => {
    const request = aDataset();
    await bus.request(CatalogRequests.createDataset, { actor: alice, dataset: request });
    const error = await expectRemoteError(bus.request(CatalogRequests.createDataset, { actor: bob, dataset: request }), 'catalog.dataset_exists');
    expect(error.message).toContain(request.name);
    await expect(bus.request(CatalogRequests.getDataset, { name: request.name })).resolves.toMatchObject({ owner: 'alice' });
  });

  it('lets exactly one of several concurrent creators of the same name win', async () => {
    const request = aDataset();
    const attempts = await Promise.allSettled(
      Array.from({ length: 6 }, () => bus.request(CatalogRequests.createDataset, { actor: alice, dataset: request })),
    );
    expect(attempts.filter((attempt) => attempt.status === 'fulfilled')).toHaveLength(1);
    for (const attempt of attempts.filter((a): a is PromiseRejectedResult => a.status === 'rejected')) {
      expect((attempt.reason as RemoteError).code).toBe('catalog.dataset_exists');
    }
  });

  it('answers catalog.dataset_not_found for an unknown name', async () => {
    await expectRemoteError(bus.request(CatalogRequests.getDataset, { name: 'no-such-dataset' }), 'catalog.dataset_not_found');
  });

  it('searches name, description and tags, filters by exact tag and owner, and treats LIKE wildcards literally', async () => {
    const marker = `zq${Date.now().toString(36)}`;
    await bus.request(CatalogRequests.createDataset, { actor: alice, dataset: aDataset({ name: `${marker}-sales`, tags: ['finance'] }) });
    await bus.request(CatalogRequests.createDataset, { actor: bob, dataset: aDataset({ description: `quarterly ${marker} numbers 100%`, tags: ['finance-raw'] }) });
    await bus.request(CatalogRequests.createDataset, { actor: bob, dataset: aDataset({ tags: [`${marker}-tag`] }) });

    const byText = await bus.request(CatalogRequests.listDatasets, { query: { q: marker, limit: 50, offset: 0 } });
    expect(byText.total).toBe(3);
    const byTag = await bus.request(CatalogRequests.listDatasets, { query: { q: marker, tag: 'finance', limit: 50, offset: 0 } });
    expect(byTag.items.map((d) => d.name)).toEqual([`${marker}-sales`]);
    const byOwner = await bus.request(CatalogRequests.listDatasets, { query: { q: marker, owner: 'bob', limit: 50, offset: 0 } });
    expect(byOwner.total).toBe(2);
    const wildcard = await bus.request(CatalogRequests.listDatasets, { query: { q: '0%', limit: 50, offset: 0 } });
    expect(wildcard.items.every((d) => d.description.includes('0%') || d.name.includes('0%'))).toBe(true);
    expect(wildcard.total).toBeGreaterThanOrEqual(1);
  });

  it('pages through results with a stable total', async () => {
    const marker = `pg${Date.now().toString(36)}`;
    for (let i = 0; i < 5; i++) {
      await bus.request(CatalogRequests.createDataset, { actor: alice, dataset: aDataset({ name: `${marker}-${i}` }) });
    }
    const first = await bus.request(CatalogRequests.listDatasets, { query: { q: marker, limit: 2, offset: 0 } });
    const third = await bus.request(CatalogRequests.listDatasets, { query: { q: marker, limit: 2, offset: 4 } });
    expect(first).toMatchObject({ total: 5, limit: 2, offset: 0 });
    expect(first.items.map((d) => d.name)).toEqual([`${marker}-0`, `${marker}-1`]);
    expect(third.items.map((d) => d.name)).toEqual([`${marker}-4`]);
  });

  it.each([
    ['a message without an actor', { dataset: aDataset() }, 'actor'],
    ['a traversal-shaped name', { actor: alice, dataset: { name: '../etc', tags: [] } }, 'dataset.name'],
    ['an upper-case name', { actor: alice, dataset: { name: 'Weather', tags: [] } }, 'dataset.name'],
    ['a 64-character name', { actor: alice, dataset: { name: 'a'.repeat(64), tags: [] } }, 'dataset.name'],
    ['an unknown field', { actor: alice, dataset: { ...aDataset(), owner: 'mallory' } }, 'dataset.owner'],
    ['a forged role', { actor: { ...alice, roles: ['root'] }, dataset: aDataset() }, 'actor.roles.0'],
  ])('refuses %s on the bus with validation_failed naming the field, and writes nothing', async (_case, payload, field) => {
    const before = await countDatasets();
    const error = await expectRemoteError(
      bus.request(CatalogRequests.createDataset, payload as never),
      'validation_failed',
    );
    expect((error.details as { errors: Array<{ field: string }> }).errors.map((issue) => issue.field)).toContain(field);
    expect(await countDatasets()).toBe(before);
  });

  it('announces each created dataset on GALLEY_EVENTS exactly once', async () => {
    const request = aDataset();
    const created = await bus.request(CatalogRequests.createDataset, { actor: alice, dataset: request });
    const events = await waitFor('the dataset.created event', async () => {
      const found = (await readEvents(connection)).filter((event) => (event.dataset as { name?: string }).name === request.name);
      return found.length > 0 ? found : undefined;
    });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ dataset: created, actor: alice });
  });

  it('keeps the event of a dataset created while NATS is down and publishes it once NATS is back', async () => {
    const request = aDataset();
    await nats.halt();
    try {
      const created = await app.get(CreateDatasetUseCase).execute(alice, request);
      expect(created.name).toBe(request.name);
      const pending = await app.get(DataSource).query(`SELECT "publishedAt" FROM "outbox_message" WHERE "payload" LIKE $1`.replace('$1', dialectParam(database)), [`%${request.name}%`]);
      expect(pending).toEqual([{ publishedAt: null }]);
    } finally {
      await nats.resume();
    }
    const events = await waitFor('the delayed dataset.created event', async () => {
      const found = (await readEvents(connection)).filter((event) => (event.dataset as { name?: string }).name === request.name);
      return found.length > 0 ? found : undefined;
    }, 20_000, 250);
    expect(events).toHaveLength(1);
  });

  it('answers health with its database check', async () => {
    const health = await bus.request({ subject: healthSubject('catalog'), request: z.object({}), response: ServiceHealthSchema }, {});
    expect(health).toMatchObject({ service: 'catalog', status: 'up', checks: { database: 'up' } });
  });
});

function dialectParam(database: TestDatabase): string {
  return database.kind === 'postgres' ? '$1' : '?';
}

/**
 * Reads every dataset.created event on the stream, by sequence. (Debian's nats-server 2.9 predates
 * multi-filter consumers, and a test reader needs nothing more than the manager API.)
 */
async function readEvents(connection: NatsConnection): Promise<Array<Record<string, unknown>>> {
  const manager = await connection.jetstreamManager();
  const { state } = await manager.streams.info(STREAMS.events.name);
  const events: Array<Record<string, unknown>> = [];
  for (let seq = state.first_seq; seq <= state.last_seq && state.messages > 0; seq++) {
    const message = await manager.streams.getMessage(STREAMS.events.name, { seq });
    if (message.subject === 'galley.events.catalog.dataset.created') events.push(message.json<Record<string, unknown>>());
  }
  return events;
}
