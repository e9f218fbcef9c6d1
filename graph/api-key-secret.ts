import { createHash, randomBytes } from 'node:crypto';

/** Prefix of every matscout API key, so leaked keys are recognisable by secret scanners. */
export const apiKeyPrefix = 'msk_';

/**
 * A new key id and secret key. The key embeds the (non-secret) id so a holder can tell which key to
 * revoke; its 32 random bytes make a fast hash safe to store.
 */
export function generateApiKey(): { id: string; key: string } {
  const idPart = randomBytes(6).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  return { id: `key_${idPart}`, key: `${apiKeyPrefix}${idPart}_${secret}` };
}

/** The stored form of a key: SHA-256 hex (high-entropy keys need no slow hash). */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** True when the text has the shape of a matscout key (cheap check before a lookup). */
export function looksLikeApiKey(text: string): boolean {
  return /^msk_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/.test(text);
}
