import { OUTBOX_TABLE_SQL } from '@galley/persistence';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Experiments, runs and their params, tags and metrics, indexed for run search. */
export class ExperimentTracking1764547200000 implements MigrationInterface {
  name = 'ExperimentTracking1764547200000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `CREATE TABLE "experiment" ("id" varchar(36) PRIMARY KEY NOT NULL, "name" varchar(63) NOT NULL, "description" text NOT NULL, "owner" varchar(128) NOT NULL, "createdAt" varchar(32) NOT NULL)`,
    );
    await runner.query(`CREATE UNIQUE INDEX "experiment_name_unique" ON "experiment" ("name")`);
    await runner.query(
      `CREATE TABLE "run" ("id" varchar(36) PRIMARY KEY NOT NULL, "experimentId" varchar(36) NOT NULL REFERENCES "experiment" ("id"), "name" varchar(250) NOT NULL, "status" varchar(16) NOT NULL, "source" varchar(16) NOT NULL, "jobId" varchar(36) NULL, "environment" text NOT NULL, "error" text NULL, "createdBy" varchar(128) NOT NULL, "createdAt" varchar(32) NOT NULL, "startedAt" varchar(32) NULL, "finishedAt" varchar(32) NULL)`,
    );
    await runner.query(`CREATE INDEX "run_experiment_created" ON "run" ("experimentId", "createdAt")`);
    await runner.query(`CREATE INDEX "run_created" ON "run" ("createdAt")`);
    await runner.query(`CREATE UNIQUE INDEX "run_job_unique" ON "run" ("jobId")`);
    await runner.query(
      `CREATE TABLE "run_param" ("runId" varchar(36) NOT NULL REFERENCES "run" ("id"), "key" varchar(250) NOT NULL, "valueText" text NOT NULL, "valueNum" double precision NULL, "valueJson" text NOT NULL, PRIMARY KEY ("runId", "key"))`,
    );
    await runner.query(`CREATE INDEX "run_param_num" ON "run_param" ("key", "valueNum", "runId")`);
    await runner.query(`CREATE INDEX "run_param_text" ON "run_param" ("key", "valueText", "runId")`);
    await runner.query(
      `CREATE TABLE "run_tag" ("runId" varchar(36) NOT NULL REFERENCES "run" ("id"), "key" varchar(250) NOT NULL, "value" text NOT NULL, PRIMARY KEY ("runId", "key"))`,
    );
    await runner.query(`CREATE INDEX "run_tag_value" ON "run_tag" ("key", "value", "runId")`);
    await runner.query(
      `CREATE TABLE "run_metric_latest" ("runId" varchar(36) NOT NULL REFERENCES "run" ("id"), "key" varchar(250) NOT NULL, "value" double precision NOT NULL, "step" bigint NOT NULL, PRIMARY KEY ("runId", "key"))`,
    );
    await runner.query(`CREATE INDEX "run_metric_latest_value" ON "run_metric_latest" ("key", "value", "runId")`);
    await runner.query(
      `CREATE TABLE "metric_point" ("runId" varchar(36) NOT NULL REFERENCES "run" ("id"), "key" varchar(250) NOT NULL, "step" bigint NOT NULL, "value" double precision NOT NULL, "timestamp" bigint NOT NULL, PRIMARY KEY ("runId", "key", "step"))`,
    );
    for (const statement of OUTBOX_TABLE_SQL.postgres) await runner.query(statement);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['outbox_message', 'metric_point', 'run_metric_latest', 'run_tag', 'run_param', 'run', 'experiment']) await runner.query(`DROP TABLE "${table}"`);
  }
}
