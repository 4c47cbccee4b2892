import { OUTBOX_TABLE_SQL } from '@galley/persistence';
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialCatalog1764201600000 implements MigrationInterface {
  name = 'InitialCatalog1764201600000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `CREATE TABLE "dataset" ("id" varchar(36) PRIMARY KEY NOT NULL, "name" varchar(63) NOT NULL, "description" text NOT NULL, "tags" text NOT NULL, "owner" varchar(128) NOT NULL, "createdAt" varchar(32) NOT NULL, "updatedAt" varchar(32) NOT NULL)`,
    );
    await runner.query(`CREATE UNIQUE INDEX "dataset_name_unique" ON "dataset" ("name")`);
    for (const statement of OUTBOX_TABLE_SQL.postgres) await runner.query(statement);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "outbox_message"`);
    await runner.query(`DROP TABLE "dataset"`);
  }
}
