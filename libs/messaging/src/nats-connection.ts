import { connect, type NatsConnection } from 'nats';

export interface NatsConnectionOptions {
  url: string;
  /** Shows up in `nats server report connections`, so operators can tell clients apart. */
  name: string;
}

/**
 * Connects with unlimited reconnects: a service outlives NATS restarts instead of exiting, and
 * requests made while disconnected fail fast with typed errors.
 */
export async function connectToNats(options: NatsConnectionOptions): Promise<NatsConnection> {
  return connect({
    servers: options.url.split(','),
    name: options.name,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 500,
    waitOnFirstConnect: true,
    // nats.js captures a stack trace for every request in case it fails; BusClient reports failures
    // with their subject and timeout instead, and the capture was 6% of the gateway's CPU.
    noAsyncTraces: true,
  });
}
