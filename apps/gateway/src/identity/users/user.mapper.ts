import type { User } from '@galley/contracts';
import type { UserEntity } from './user.entity';

/** A user as it leaves the gateway: never the password hash. */
export function toUserContract(entity: UserEntity): User {
  return {
    id: entity.id,
    username: entity.username,
    displayName: entity.displayName,
    roles: entity.roles,
    disabled: entity.disabled,
    createdAt: entity.createdAt,
    lastLoginAt: entity.lastLoginAt,
  };
}
