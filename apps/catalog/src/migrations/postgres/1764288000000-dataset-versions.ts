import type { MigrationInterface, QueryRunner } from 'typeorm';

export class DatasetVersions1764288000000 implements MigrationInterface {
  name = 'DatasetVersions1764288000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `CREATE TABLE "dataset_version" ("id" varchar(36) PRIMARY KEY NOT NULL, "datasetId" varchar(36) NOT NULL REFERENCES "dataset" ("id"), "number" integer NOT NULL, "sha256" varchar(64) NOT NULL, "size" bigint NOT NULL, "format" varchar(16) NOT NULL, "rowCount" bigint NOT NULL, "columns" text NOT NULL, "profile" text NOT NULL, "uploader" varchar(128) NOT NULL, "createdAt" varchar(32) NOT NULL)`,
    );
    await runner.query(`CREATE UNIQUE INDEX "dataset_version_number_unique" ON "dataset_version" ("datasetId", "number")`);
    await runner.query(`CREATE UNIQUE INDEX "dataset_version_sha_unique" ON "dataset_version" ("datasetId", "sha256")`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "dataset_version"`);
  }
}
