import { Injectable } from '@nestjs/common';
import { sha256Hex } from '../tokens';
import { SessionsRepository } from './sessions.repository';

@Injectable()
export class LogoutUseCase {
  constructor(private readonly sessions: SessionsRepository) {}

  /** Ends the session the token belongs to; an API key or an unknown token is a no-op. */
  async execute(token: string | null): Promise<void> {
    if (token) await this.sessions.delete(sha256Hex(token));
  }
}
