import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Training jobs, their dead letters, trainers' heartbeats and run artifacts. */
export class TrainingJobs1764633600000 implements MigrationInterface {
  name = 'TrainingJobs1764633600000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `CREATE TABLE "job" ("id" varchar(36) PRIMARY KEY NOT NULL, "name" varchar(120) NOT NULL, "experimentId" varchar(36) NOT NULL REFERENCES "experiment" ("id"), "status" varchar(16) NOT NULL, "sourceDataset" varchar(63) NOT NULL, "sourceVersion" integer NOT NULL, "sourceSha256" varchar(64) NOT NULL, "spec" text NOT NULL, "specHash" varchar(64) NOT NULL, "seed" bigint NOT NULL, "attempts" integer NOT NULL, "maxAttempts" integer NOT NULL, "timeoutSeconds" integer NOT NULL, "runId" varchar(36) NULL, "trainerId" varchar(63) NULL, "epoch" integer NOT NULL, "epochs" integer NOT NULL, "cancelRequested" boolean NOT NULL DEFAULT 0, "deadLettered" boolean NOT NULL DEFAULT 0, "error" text NULL, "evaluation" text NULL, "createdBy" varchar(128) NOT NULL, "createdAt" varchar(32) NOT NULL, "startedAt" varchar(32) NULL, "finishedAt" varchar(32) NULL)`,
    );
    await runner.query(`CREATE INDEX "job_experiment_created" ON "job" ("experimentId", "createdAt")`);
    await runner.query(`CREATE INDEX "job_status_created" ON "job" ("status", "createdAt")`);
    await runner.query(
      `CREATE TABLE "dead_letter" ("jobId" varchar(36) PRIMARY KEY NOT NULL REFERENCES "job" ("id"), "reason" text NOT NULL, "attempts" integer NOT NULL, "recordedAt" varchar(32) NOT NULL)`,
    );
    await runner.query(
      `CREATE TABLE "trainer" ("id" varchar(63) PRIMARY KEY NOT NULL, "host" varchar(255) NOT NULL, "pid" integer NOT NULL, "backend" varchar(40) NOT NULL, "status" varchar(8) NOT NULL, "jobId" varchar(36) NULL, "startedAt" varchar(32) NOT NULL, "lastSeenAt" varchar(32) NOT NULL)`,
    );
    await runner.query(
      `CREATE TABLE "run_artifact" ("runId" varchar(36) NOT NULL REFERENCES "run" ("id"), "name" varchar(120) NOT NULL, "blobKey" varchar(80) NOT NULL, "sha256" varchar(64) NOT NULL, "size" bigint NOT NULL, "createdAt" varchar(32) NOT NULL, PRIMARY KEY ("runId", "name"))`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['run_artifact', 'trainer', 'dead_letter', 'job']) await runner.query(`DROP TABLE "${table}"`);
  }
}
