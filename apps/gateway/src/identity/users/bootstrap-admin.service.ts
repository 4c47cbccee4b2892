import { randomUUID } from 'node:crypto';
import { chmodSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { nowIso } from '@galley/persistence';
import { QueryFailedError } from 'typeorm';
import { GATEWAY_CONFIG, type GatewayConfig } from '../../config';
import { randomToken } from '../tokens';
import { hashPassword } from './passwords';
import { UsersRepository } from './users.repository';

export const ADMIN_USERNAME = 'admin';

export function adminPasswordFile(galleyHome: string): string {
  return join(galleyHome, 'admin-password');
}

/**
 * Creates the first admin on an empty user table. Its password is GALLEY_ADMIN_PASSWORD, or a random
 * one written to GALLEY_HOME/admin-password with mode 0600. There is no default password anywhere.
 */
@Injectable()
export class BootstrapAdminService implements OnApplicationBootstrap {
  private readonly logger = new Logger('BootstrapAdmin');

  constructor(
    private readonly users: UsersRepository,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if ((await this.users.count()) > 0) return;
    const fromEnv = this.config.GALLEY_ADMIN_PASSWORD;
    const password = fromEnv ?? randomToken(18);
    const now = nowIso();
    try {
      await this.users.insert({
        id: randomUUID(),
        username: ADMIN_USERNAME,
        displayName: 'Administrator',
        passwordHash: await hashPassword(password),
        roles: ['admin'],
        disabled: false,
        createdAt: now,
        updatedAt: now,
        lastLoginAt: null,
      });
    } catch (error) {
      // Another gateway replica created the admin first: its password stands.
      if (error instanceof QueryFailedError && /unique|duplicate/i.test(error.message)) return;
      throw error;
    }
    if (fromEnv) {
      this.logger.log(`created user "${ADMIN_USERNAME}" with the password from GALLEY_ADMIN_PASSWORD`);
      return;
    }
    const file = adminPasswordFile(this.config.GALLEY_HOME);
    writeSecretFile(file, `${password}\n`);
    this.logger.warn(`created user "${ADMIN_USERNAME}"; its generated password is in ${file} (mode 0600): sign in and change it`);
  }
}

/** Written to a temp file with mode 0600 and renamed, so the secret is never readable by others. */
function writeSecretFile(file: string, content: string): void {
  mkdirSync(join(file, '..'), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, content, { mode: 0o600, flag: 'w' });
  chmodSync(temp, 0o600);
  renameSync(temp, file);
}
