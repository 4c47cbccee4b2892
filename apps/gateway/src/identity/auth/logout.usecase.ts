import { Injectable } from '@nestjs/common';
import { sha256Hex } from '../tokens';
import { CredentialChanges } from './credential-changes';
import { SessionsRepository } from './sessions.repository';

@Injectable()
export class LogoutUseCase {
  constructor(
    private readonly sessions: SessionsRepository,
    private readonly credentialChanges: CredentialChanges,
  ) {}

  /** Ends the session the token belongs to; an API key or an unknown token is a no-op. */
  async execute(token: string | null): Promise<void> {
    if (!token) return;
    const tokenHash = sha256Hex(token);
    await this.sessions.delete(tokenHash);
    this.credentialChanges.tokenEnded(tokenHash);
  }
}
