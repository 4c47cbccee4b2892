import { randomBytes } from 'node:crypto';
import { randomToken } from '../tokens';

const KEY_PATTERN = /^gk_([A-Za-z0-9]{12})_([A-Za-z0-9_-]{43})$/;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function isApiKeyShaped(token: string): boolean {
  return token.startsWith('gk_');
}

export function parseApiKey(token: string): { publicId: string; secret: string } | null {
  const match = KEY_PATTERN.exec(token);
  return match ? { publicId: match[1], secret: match[2] } : null;
}

export function generateApiKey(): { publicId: string; secret: string; key: string } {
  const bytes = randomBytes(12);
  const publicId = Array.from(bytes, (byte) => ALPHABET[byte % ALPHABET.length]).join('');
  const secret = randomToken(32);
  return { publicId, secret, key: `gk_${publicId}_${secret}` };
}
