import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { buildDataSourceOptions } from './database-options';
import { initializeDatabase } from './initialize-database';

class Items1700000000000 implements MigrationInterface {
  name = 'Items1700000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE "item" ("id" integer PRIMARY KEY, "kind" varchar(8) NOT NULL)`);
    await runner.query(`CREATE INDEX "item_kind" ON "item" ("kind")`);
    await runner.query(`CREATE TABLE "empty" ("id" integer PRIMARY KEY, "kind" varchar(8) NOT NULL)`);
    await runner.query(`CREATE INDEX "empty_kind" ON "empty" ("kind")`);
    await runner.query(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000) INSERT INTO "item" SELECT i, 'k' || (i % 4) FROM n`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "empty"`);
    await runner.query(`DROP TABLE "item"`);
  }
}

describe('initializeDatabase on SQLite', () => {
  const galleyHome = mkdtempSync(join(tmpdir(), 'galley-init-'));
  afterAll(() => rmSync(galleyHome, { recursive: true, force: true }));

  it('leaves the query planner statistics for the tables that hold rows, after the migrations', async () => {
    const dataSource = await initializeDatabase(buildDataSourceOptions({ service: 'stats', galleyHome, entities: [], migrations: { sqlite: [Items1700000000000], postgres: [] } }));
    try {
      const stats = await dataSource.query<Array<{ tbl: string; idx: string; stat: string }>>(`SELECT "tbl", "idx", "stat" FROM "sqlite_stat1" WHERE "tbl" IN ('item', 'empty')`);
      // Rows per key are estimated from a sample (analysis_limit), so only the row count is exact.
      expect(stats).toEqual([{ tbl: 'item', idx: 'item_kind', stat: expect.stringMatching(/^1000 \d+$/) as string }]);
    } finally {
      await dataSource.destroy();
    }
  });
});
