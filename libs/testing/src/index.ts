export { findFreePort, isPortOpen } from './free-port';
export { findNatsServerBinary, startNatsServer } from './nats-server';
export type { NatsServerOptions, RunningNatsServer } from './nats-server';
export { createTestDatabase, testDatabaseKind, DEFAULT_TEST_POSTGRES_URL } from './test-database';
export type { TestDatabase, TestDatabaseKind } from './test-database';
export { repositoryRoot, startServiceProcess } from './service-process';
export type { ServiceProcess } from './service-process';
export { waitFor } from './wait-for';
