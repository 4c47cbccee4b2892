import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialIdentity1764201600000 implements MigrationInterface {
  name = 'InitialIdentity1764201600000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `CREATE TABLE "user_account" ("id" varchar(36) PRIMARY KEY NOT NULL, "username" varchar(64) NOT NULL, "displayName" varchar(128) NOT NULL, "passwordHash" varchar(255) NOT NULL, "roles" text NOT NULL, "disabled" boolean NOT NULL DEFAULT (0), "createdAt" varchar(32) NOT NULL, "updatedAt" varchar(32) NOT NULL, "lastLoginAt" varchar(32))`,
    );
    await runner.query(`CREATE UNIQUE INDEX "user_username_unique" ON "user_account" ("username")`);
    await runner.query(
      `CREATE TABLE "user_session" ("id" varchar(64) PRIMARY KEY NOT NULL, "userId" varchar(36) NOT NULL, "createdAt" varchar(32) NOT NULL, "expiresAt" varchar(32) NOT NULL)`,
    );
    await runner.query(`CREATE INDEX "session_user" ON "user_session" ("userId")`);
    await runner.query(
      `CREATE TABLE "api_key" ("id" varchar(36) PRIMARY KEY NOT NULL, "name" varchar(64) NOT NULL, "publicId" varchar(16) NOT NULL, "secretHash" varchar(64) NOT NULL, "roles" text NOT NULL, "createdBy" varchar(64) NOT NULL, "createdAt" varchar(32) NOT NULL, "lastUsedAt" varchar(32), "expiresAt" varchar(32), "revokedAt" varchar(32))`,
    );
    await runner.query(`CREATE UNIQUE INDEX "api_key_public_id_unique" ON "api_key" ("publicId")`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "api_key"`);
    await runner.query(`DROP TABLE "user_session"`);
    await runner.query(`DROP TABLE "user_account"`);
  }
}
