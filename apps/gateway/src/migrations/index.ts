import { InitialIdentity1764201600000 as InitialIdentityPostgres } from './postgres/1764201600000-initial-identity';
import { SessionParent1764892800000 as SessionParentPostgres } from './postgres/1764892800000-session-parent';
import { InitialIdentity1764201600000 as InitialIdentitySqlite } from './sqlite/1764201600000-initial-identity';
import { SessionParent1764892800000 as SessionParentSqlite } from './sqlite/1764892800000-session-parent';

/** Listed explicitly (never globbed): globs break under bundlers and test runners. */
export const IDENTITY_MIGRATIONS = {
  sqlite: [InitialIdentitySqlite, SessionParentSqlite],
  postgres: [InitialIdentityPostgres, SessionParentPostgres],
};
