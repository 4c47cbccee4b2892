export { buildDataSourceOptions, databaseKindOf, schemaNameOf } from './database-options';
export type { DatabaseKind, DatabaseSettings } from './database-options';
export { initializeDatabase, isDatabaseUp } from './initialize-database';
export { TIMESTAMP_COLUMN, nowIso } from './timestamps';
export { OutboxMessageEntity } from './outbox-message.entity';
export { enqueueEvent, OUTBOX_TABLE_SQL } from './outbox';
export { transactional } from './transactional';
export { BIGINT_AS_NUMBER, BIGINT_NUMBER_COLUMN } from './bigint-column';
