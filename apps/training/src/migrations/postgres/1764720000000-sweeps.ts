import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Sweeps and their planned trials. */
export class Sweeps1764720000000 implements MigrationInterface {
  name = 'Sweeps1764720000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `CREATE TABLE "sweep" ("id" varchar(36) PRIMARY KEY NOT NULL, "name" varchar(120) NOT NULL, "experimentId" varchar(36) NOT NULL REFERENCES "experiment" ("id"), "status" varchar(16) NOT NULL, "strategy" varchar(8) NOT NULL, "parallelism" integer NOT NULL, "objective" text NOT NULL, "base" text NOT NULL, "createdBy" varchar(128) NOT NULL, "createdAt" varchar(32) NOT NULL, "finishedAt" varchar(32) NULL)`,
    );
    await runner.query(`CREATE INDEX "sweep_status" ON "sweep" ("status")`);
    await runner.query(
      `CREATE TABLE "sweep_trial" ("sweepId" varchar(36) NOT NULL REFERENCES "sweep" ("id"), "index" integer NOT NULL, "params" text NOT NULL, "status" varchar(16) NOT NULL, "jobId" varchar(36) NULL, "objective" double precision NULL, PRIMARY KEY ("sweepId", "index"))`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "sweep_trial"`);
    await runner.query(`DROP TABLE "sweep"`);
  }
}
