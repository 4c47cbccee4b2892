import argon2 from 'argon2';

/** argon2id with the library's defaults (64 MiB, 3 passes): OWASP's recommended family. */
export async function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | null = null;

/**
 * Spends the same time as a real verification when the user does not exist, so response times do
 * not tell an attacker which usernames are real.
 */
export async function burnVerificationTime(password: string): Promise<void> {
  dummyHash ??= hashPassword('galley-timing-equaliser');
  await verifyPassword(await dummyHash, password);
}
