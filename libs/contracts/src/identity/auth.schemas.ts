import { z } from 'zod';
import { PasswordSchema, UserSchema } from './users.schemas';

export const LoginRequestSchema = z.strictObject({
  username: z.string().min(1).max(64),
  // Any length is accepted at login so an old password never locks its owner out; policy applies on set.
  password: z.string().min(1).max(256),
});
export type LoginRequest = z.infer<typeof LoginRequestSchema>;

export const LoginResponseSchema = z.object({
  /** Bearer token for non-browser clients; browsers also get it as an httpOnly cookie. */
  token: z.string(),
  expiresAt: z.string(),
  user: UserSchema,
});
export type LoginResponse = z.infer<typeof LoginResponseSchema>;

export const PrincipalSchema = z.object({
  kind: z.enum(['user', 'api-key']),
  id: z.string(),
  name: z.string(),
  roles: UserSchema.shape.roles,
});
export type Principal = z.infer<typeof PrincipalSchema>;

export const ChangePasswordRequestSchema = z.strictObject({
  currentPassword: z.string().min(1).max(256),
  newPassword: PasswordSchema,
});
export type ChangePasswordRequest = z.infer<typeof ChangePasswordRequestSchema>;

/** Name of the session cookie the gateway sets. */
export const SESSION_COOKIE = 'galley_session';

/** `GET /api/v1/auth/me`: who the caller is; `user` is null for API keys. */
export const MeResponseSchema = z.object({
  principal: PrincipalSchema,
  user: UserSchema.nullable(),
});
export type MeResponse = z.infer<typeof MeResponseSchema>;

/**
 * Core NATS (not JetStream): gateway replicas tell each other that a credential stopped meaning
 * what it meant, so each drops what it remembered of it. A lost message costs at most the cache's
 * lifetime; a forged one only costs a database lookup.
 */
export const CREDENTIALS_CHANGED_SUBJECT = 'galley.gateway.credentials.changed';
export const CredentialsChangedSchema = z.union([
  z.strictObject({ principal: z.strictObject({ kind: PrincipalSchema.shape.kind, id: z.string().min(1).max(128) }) }),
  z.strictObject({ tokenHash: z.string().regex(/^[0-9a-f]{64}$/) }),
]);
export type CredentialsChanged = z.infer<typeof CredentialsChangedSchema>;
