export { findFreePort, isPortOpen } from './free-port';
export { findNatsServerBinary, startNatsServer } from './nats-server';
export type { NatsServerOptions, RunningNatsServer } from './nats-server';
