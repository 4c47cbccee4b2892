import { z } from 'zod';

export const ComponentStatusSchema = z.enum(['up', 'down']);

/** What every service answers on `galley.<service>.health`. */
export const ServiceHealthSchema = z.object({
  service: z.string(),
  status: ComponentStatusSchema,
  version: z.string(),
  uptimeSeconds: z.number(),
  instance: z.string(),
  checks: z.record(z.string(), ComponentStatusSchema),
});
export type ServiceHealth = z.infer<typeof ServiceHealthSchema>;

export const ServiceHealthEntrySchema = z.object({
  service: z.string(),
  status: ComponentStatusSchema,
  latencyMs: z.number().nullable(),
  detail: ServiceHealthSchema.nullable(),
  error: z.string().optional(),
});
export type ServiceHealthEntry = z.infer<typeof ServiceHealthEntrySchema>;

/** `GET /api/v1/health`: 200 when every service answers, 503 otherwise with `down` naming them. */
export const PlatformHealthSchema = z.object({
  status: z.enum(['up', 'degraded']),
  checkedAt: z.string(),
  services: z.array(ServiceHealthEntrySchema),
  down: z.array(z.string()),
});
export type PlatformHealth = z.infer<typeof PlatformHealthSchema>;

export function healthSubject(service: string): string {
  return `galley.${service}.health`;
}
