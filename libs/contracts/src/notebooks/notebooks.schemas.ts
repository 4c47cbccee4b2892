import { z } from 'zod';

/**
 * `POST /api/v1/notebooks/kernel-credentials`: a bearer token for the caller's Python kernel, so
 * `galley.connect(token=…)` reads data with the user's own roles. Short-lived (a few hours, never past
 * the caller's own session) and ended with the user's other sessions (password change, disabling).
 */
export const KernelCredentialsSchema = z.object({
  /** Send as `Authorization: Bearer <token>`; shown once, stored hashed. */
  token: z.string(),
  expiresAt: z.string(),
});
export type KernelCredentials = z.infer<typeof KernelCredentialsSchema>;
