import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Data verification (suites, version status), column search and the lineage graph. */
export class VerificationLineage1764374400000 implements MigrationInterface {
  name = 'VerificationLineage1764374400000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "dataset_version" ADD COLUMN "status" varchar(16) NOT NULL DEFAULT 'accepted'`);
    await runner.query(`ALTER TABLE "dataset_version" ADD COLUMN "validation" varchar(16) NOT NULL DEFAULT 'not_validated'`);
    await runner.query(`ALTER TABLE "dataset_version" ADD COLUMN "schemaChange" text NULL`);
    await runner.query(`ALTER TABLE "dataset_version" ADD COLUMN "validationReport" text NULL`);
    await runner.query(
      `CREATE TABLE "expectation_suite" ("datasetId" varchar(36) PRIMARY KEY NOT NULL REFERENCES "dataset" ("id"), "revision" integer NOT NULL, "expectations" text NOT NULL, "updatedBy" varchar(128) NOT NULL, "updatedAt" varchar(32) NOT NULL)`,
    );
    await runner.query(
      `CREATE TABLE "dataset_column" ("datasetId" varchar(36) NOT NULL REFERENCES "dataset" ("id"), "name" varchar(255) NOT NULL, PRIMARY KEY ("datasetId", "name"))`,
    );
    await runner.query(`CREATE INDEX "dataset_column_name" ON "dataset_column" ("name")`);
    await runner.query(
      `CREATE TABLE "lineage_edge" ("id" varchar(36) PRIMARY KEY NOT NULL, "fromUrn" varchar(160) NOT NULL, "toUrn" varchar(160) NOT NULL, "relation" varchar(40) NOT NULL, "recordedBy" varchar(128) NOT NULL, "recordedAt" varchar(32) NOT NULL)`,
    );
    await runner.query(`CREATE UNIQUE INDEX "lineage_edge_unique" ON "lineage_edge" ("fromUrn", "toUrn", "relation")`);
    await runner.query(`CREATE INDEX "lineage_edge_to" ON "lineage_edge" ("toUrn")`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "lineage_edge"`);
    await runner.query(`DROP TABLE "dataset_column"`);
    await runner.query(`DROP TABLE "expectation_suite"`);
    await runner.query(`ALTER TABLE "dataset_version" DROP COLUMN "validationReport"`);
    await runner.query(`ALTER TABLE "dataset_version" DROP COLUMN "schemaChange"`);
    await runner.query(`ALTER TABLE "dataset_version" DROP COLUMN "validation"`);
    await runner.query(`ALTER TABLE "dataset_version" DROP COLUMN "status"`);
  }
}
