import type { IncomingHttpHeaders } from 'node:http';
import { SESSION_COOKIE } from '@galley/contracts';
import type { Request, Response } from 'express';

export interface PresentedCredential {
  token: string;
  /** Cookies ride along on cross-site requests; bearer tokens do not. Only cookies need CSRF checks. */
  via: 'bearer' | 'cookie';
}

/** The caller's token: `Authorization: Bearer …` wins over the session cookie. */
export function readCredential(request: Request): PresentedCredential | null {
  const cookies = request.cookies as Record<string, unknown> | undefined;
  const cookie = cookies?.[SESSION_COOKIE];
  return credentialFrom(request.headers.authorization, typeof cookie === 'string' ? cookie : undefined);
}

/** The same rule for a raw request, such as a websocket upgrade, which Express's cookie parser never sees. */
export function readCredentialFromHeaders(headers: IncomingHttpHeaders): PresentedCredential | null {
  return credentialFrom(headers.authorization, sessionCookieFrom(headers.cookie));
}

function credentialFrom(authorization: string | undefined, cookie: string | undefined): PresentedCredential | null {
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    return match ? { token: match[1], via: 'bearer' } : null;
  }
  return cookie ? { token: cookie, via: 'cookie' } : null;
}

function sessionCookieFrom(header: string | undefined): string | undefined {
  for (const pair of (header ?? '').split(';')) {
    const at = pair.indexOf('=');
    if (at === -1 || pair.slice(0, at).trim() !== SESSION_COOKIE) continue;
    const value = pair.slice(at + 1).trim();
    try {
      return decodeURIComponent(value) || undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
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
