import { SESSION_COOKIE } from '@galley/contracts';
import type { Request, Response } from 'express';

export interface PresentedCredential {
  token: string;
  /** Cookies ride along on cross-site requests; bearer tokens do not. Only cookies need CSRF checks. */
  via: 'bearer' | 'cookie';
}

/** The caller's token: `Authorization: Bearer …` wins over the session cookie. */
export function readCredential(request: Request): PresentedCredential | null {
  const header = request.headers.authorization;
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    return match ? { token: match[1], via: 'bearer' } : null;
  }
  const cookies = request.cookies as Record<string, unknown> | undefined;
  const cookie = cookies?.[SESSION_COOKIE];
  return typeof cookie === 'string' && cookie.length > 0 ? { token: cookie, via: 'cookie' } : null;
}

export function setSessionCookie(response: Response, token: string, expiresAt: string, secure: boolean): void {
  response.cookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: '/',
    expires: new Date(expiresAt),
  });
}

export function clearSessionCookie(response: Response, secure: boolean): void {
  response.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', secure, path: '/' });
}
