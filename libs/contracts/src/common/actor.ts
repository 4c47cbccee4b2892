import { z } from 'zod';
import { RoleSchema } from '../identity/roles';

/**
 * Who asked. The gateway authenticates the caller and puts this in every command it sends on the
 * bus, so services can record owners and uploaders without knowing about sessions or API keys.
 */
export const ActorSchema = z.object({
  kind: z.enum(['user', 'api-key']),
  id: z.string().min(1).max(64),
  name: z.string().min(1).max(128),
  roles: z.array(RoleSchema),
});
export type Actor = z.infer<typeof ActorSchema>;
