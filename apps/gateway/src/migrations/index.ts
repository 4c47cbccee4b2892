import { InitialIdentity1764201600000 as InitialIdentityPostgres } from './postgres/1764201600000-initial-identity';
import { InitialIdentity1764201600000 as InitialIdentitySqlite } from './sqlite/1764201600000-initial-identity';

/** Listed explicitly (never globbed): globs break under bundlers and test runners. */
export const IDENTITY_MIGRATIONS = {
  sqlite: [InitialIdentitySqlite],
  postgres: [InitialIdentityPostgres],
};
