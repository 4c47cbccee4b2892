import { OUTBOX_TABLE_SQL } from '@galley/persistence';
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialFeatureStore1764460800000 implements MigrationInterface {
  name = 'InitialFeatureStore1764460800000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `CREATE TABLE "feature_entity" ("id" varchar(36) PRIMARY KEY NOT NULL, "name" varchar(63) NOT NULL, "joinKey" varchar(255) NOT NULL, "valueType" varchar(16) NOT NULL, "description" text NOT NULL, "owner" varchar(128) NOT NULL, "createdAt" varchar(32) NOT NULL)`,
    );
    await runner.query(`CREATE UNIQUE INDEX "feature_entity_name_unique" ON "feature_entity" ("name")`);
    await runner.query(
      `CREATE TABLE "feature_view" ("id" varchar(36) PRIMARY KEY NOT NULL, "name" varchar(63) NOT NULL, "revision" integer NOT NULL, "entity" varchar(63) NOT NULL, "definition" text NOT NULL, "definitionHash" varchar(64) NOT NULL, "owner" varchar(128) NOT NULL, "createdAt" varchar(32) NOT NULL)`,
    );
    await runner.query(`CREATE UNIQUE INDEX "feature_view_revision_unique" ON "feature_view" ("name", "revision")`);
    await runner.query(
      `CREATE TABLE "feature_service" ("id" varchar(36) PRIMARY KEY NOT NULL, "name" varchar(63) NOT NULL, "features" text NOT NULL, "description" text NOT NULL, "owner" varchar(128) NOT NULL, "createdAt" varchar(32) NOT NULL)`,
    );
    await runner.query(`CREATE UNIQUE INDEX "feature_service_name_unique" ON "feature_service" ("name")`);
    await runner.query(
      `CREATE TABLE "materialization" ("id" varchar(36) PRIMARY KEY NOT NULL, "view" varchar(63) NOT NULL, "viewRevision" integer NOT NULL, "sourceDataset" varchar(63) NOT NULL, "sourceVersion" integer NOT NULL, "status" varchar(16) NOT NULL, "windowStart" varchar(32) NULL, "windowEnd" varchar(32) NULL, "rowsScanned" bigint NOT NULL, "entitiesWritten" bigint NOT NULL, "entitiesTotal" bigint NULL, "error" text NULL, "startedAt" varchar(32) NOT NULL, "finishedAt" varchar(32) NULL)`,
    );
    await runner.query(`CREATE INDEX "materialization_view" ON "materialization" ("view", "startedAt")`);
    for (const statement of OUTBOX_TABLE_SQL.sqlite) await runner.query(statement);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "outbox_message"`);
    await runner.query(`DROP TABLE "materialization"`);
    await runner.query(`DROP TABLE "feature_service"`);
    await runner.query(`DROP TABLE "feature_view"`);
    await runner.query(`DROP TABLE "feature_entity"`);
  }
}
