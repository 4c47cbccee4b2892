import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { OutboxMessageEntity } from './outbox-message.entity';
import { nowIso } from './timestamps';

/** Records an event inside the caller's transaction; the relay publishes it after commit. */
export async function enqueueEvent(
  manager: EntityManager,
  event: { subject: string; payload: unknown; requestId?: string; /** Becomes the `Nats-Msg-Id`: a stable id makes the publish deduplicated. */ id?: string },
): Promise<void> {
  await manager.insert(OutboxMessageEntity, {
    id: event.id ?? randomUUID(),
    subject: event.subject,
    payload: JSON.stringify(event.payload),
    requestId: event.requestId ?? null,
    createdAt: nowIso(),
    publishedAt: null,
    attempts: 0,
    lastError: null,
  });
}

/**
 * The outbox table's DDL, for each service's first migration. Kept here so every service creates
 * the same table the relay expects.
 */
export const OUTBOX_TABLE_SQL = {
  sqlite: [
    `CREATE TABLE "outbox_message" ("id" varchar(36) PRIMARY KEY NOT NULL, "subject" varchar(255) NOT NULL, "payload" text NOT NULL, "requestId" varchar(64), "createdAt" varchar(32) NOT NULL, "publishedAt" varchar(32), "attempts" integer NOT NULL DEFAULT 0, "lastError" text)`,
    `CREATE INDEX "outbox_unpublished" ON "outbox_message" ("publishedAt", "createdAt")`,
  ],
  postgres: [
    `CREATE TABLE "outbox_message" ("id" varchar(36) PRIMARY KEY NOT NULL, "subject" varchar(255) NOT NULL, "payload" text NOT NULL, "requestId" varchar(64), "createdAt" varchar(32) NOT NULL, "publishedAt" varchar(32), "attempts" integer NOT NULL DEFAULT 0, "lastError" text)`,
    `CREATE INDEX "outbox_unpublished" ON "outbox_message" ("publishedAt", "createdAt")`,
  ],
} as const;
