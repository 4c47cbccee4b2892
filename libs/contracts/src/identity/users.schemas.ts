import { z } from 'zod';
import { RoleSchema } from './roles';

export const UsernameSchema = z
  .string()
  .min(2, 'must be at least 2 characters')
  .max(64, 'must be at most 64 characters')
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'must be lower-case letters, digits and . _ -');

/** Long enough to resist guessing; no composition rules (NIST SP 800-63B). */
export const PasswordSchema = z
  .string()
  .min(10, 'must be at least 10 characters')
  .max(256, 'must be at most 256 characters');

export const RolesSchema = z.array(RoleSchema).min(1, 'give at least one role').max(5);

export const UserSchema = z.object({
  id: z.string(),
  username: UsernameSchema,
  displayName: z.string(),
  roles: z.array(RoleSchema),
  disabled: z.boolean(),
  createdAt: z.string(),
  lastLoginAt: z.string().nullable(),
});
export type User = z.infer<typeof UserSchema>;

export const CreateUserRequestSchema = z.strictObject({
  username: UsernameSchema,
  displayName: z.string().min(1).max(128).optional(),
  password: PasswordSchema,
  roles: RolesSchema,
});
export type CreateUserRequest = z.infer<typeof CreateUserRequestSchema>;

export const UpdateUserRequestSchema = z
  .strictObject({
    displayName: z.string().min(1).max(128).optional(),
    roles: RolesSchema.optional(),
    disabled: z.boolean().optional(),
    password: PasswordSchema.optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { message: 'give at least one field to change' });
export type UpdateUserRequest = z.infer<typeof UpdateUserRequestSchema>;

export const UserIdParamsSchema = z.strictObject({ id: z.uuid('must be a user id') });

export const UserListSchema = z.object({ items: z.array(UserSchema) });
export type UserList = z.infer<typeof UserListSchema>;
