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

  /**
   * Ends the session the token belongs to and the kernel sessions minted from it, everywhere at
   * once (their open kernel websockets close too); an API key or an unknown token is a no-op.
   */
  async execute(token: string | null): Promise<void> {
    if (!token) return;
    for (const tokenHash of await this.sessions.deleteWithDescendants(sha256Hex(token))) this.credentialChanges.tokenEnded(tokenHash);
  }
}
