import { startNatsServer, type RunningNatsServer } from '@galley/testing';
import { connect, type KV, type NatsConnection } from 'nats';
import type { OnlineReplica, ReplicaEntry } from '../src/online/online-replica';
import { decodeOnlineValue, encodeOnlineValue, type OnlineValue } from '../src/online/online-value';
import { OnlineWriter } from '../src/online/online-writer';

const value = (t: number, values: unknown[]): OnlineValue => decodeOnlineValue(encodeOnlineValue(t, 1, 1, JSON.stringify(values))) as OnlineValue;

/** A replica frozen at what it was told: the writer's view of the store when a concurrent writer has moved on. */
const staleReplica = (entries: Record<string, ReplicaEntry> = {}): OnlineReplica => ({ get: (key: string) => entries[key] }) as unknown as OnlineReplica;

describe('OnlineWriter against a real JetStream KV bucket', () => {
  let server: RunningNatsServer;
  let connection: NatsConnection;
  let kv: KV;
  const bucket = 'galley-features-writer-spec';

  beforeAll(async () => {
    server = await startNatsServer();
    connection = await connect({ servers: server.url });
    kv = await connection.jetstream().views.kv(bucket, { history: 1 });
  });
  afterAll(async () => {
    await connection?.close();
    await server?.stop();
  });

  const writer = (replica: OnlineReplica, inFlight?: number) => new OnlineWriter(connection, kv, `$KV.${bucket}.`, replica, inFlight);
  const stored = async (key: string) => (await kv.get(key))?.string();

  it('writes many values, pipelined, each acknowledged', async () => {
    const into = writer(staleReplica(), 16);
    for (let i = 0; i < 500; i++) await into.write(`many-${i}`, value(i, [i]));
    await into.flush();
    expect(into.written).toBe(500);
    expect(await stored('many-499')).toBe(value(499, [499]).text);
  });

  it('keeps a newer value that a concurrent writer stored after the replica last looked', async () => {
    await kv.put('race-newer', value(20, ['theirs']).text);
    const into = writer(staleReplica());
    await into.write('race-newer', value(10, ['ours']));
    await into.flush();
    expect(into).toMatchObject({ written: 0, unchanged: 1 });
    expect(await stored('race-newer')).toBe(value(20, ['theirs']).text);
  });

  it('replaces an older value that a concurrent writer stored, after reading it again', async () => {
    await kv.put('race-older', value(5, ['theirs']).text);
    const into = writer(staleReplica());
    await into.write('race-older', value(10, ['ours']));
    await into.flush();
    expect(into).toMatchObject({ written: 1, unchanged: 0 });
    expect(await stored('race-older')).toBe(value(10, ['ours']).text);
  });

  it('skips, without a round trip, a value the replica shows is already stored', async () => {
    const current = value(10, ['same']);
    const revision = await kv.put('same', current.text);
    const into = writer(staleReplica({ same: { ...current, revision } }));
    await into.write('same', value(10, ['same']));
    await into.flush();
    expect(into).toMatchObject({ written: 0, unchanged: 1 });
    expect((await kv.get('same'))?.revision).toBe(revision);
  });
});
