import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A run's heartbeat, so a run whose process died is told apart from one still running in another
 * replica, and at most one running materialization per view (two writers would race on the same keys).
 */
export class MaterializationHeartbeat1764633600000 implements MigrationInterface {
  name = 'MaterializationHeartbeat1764633600000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "materialization" ADD COLUMN "heartbeatAt" varchar(32) NULL`);
    await runner.query(`CREATE UNIQUE INDEX "materialization_one_running" ON "materialization" ("view") WHERE "status" = 'running'`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX "materialization_one_running"`);
    await runner.query(`ALTER TABLE "materialization" DROP COLUMN "heartbeatAt"`);
  }
}
