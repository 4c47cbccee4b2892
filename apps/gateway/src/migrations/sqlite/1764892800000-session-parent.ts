import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The session a kernel session was minted from: signing out of the first ends the second. */
export class SessionParent1764892800000 implements MigrationInterface {
  name = 'SessionParent1764892800000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "user_session" ADD COLUMN "parentId" varchar(64) NULL`);
    await runner.query(`CREATE INDEX "session_parent" ON "user_session" ("parentId")`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX "session_parent"`);
    await runner.query(`ALTER TABLE "user_session" DROP COLUMN "parentId"`);
  }
}
