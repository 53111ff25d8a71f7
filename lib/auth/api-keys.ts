/**
 * API keys are random secrets shown once. Only their SHA-256 is stored: a key has 256 bits of
 * entropy, so a fast hash is safe here (unlike passwords), and lookups stay one indexed read.
 */
import { randomBytes } from 'node:crypto';
import { sha256Hex } from '../canonical-json';

const KEY_PREFIX = 'rik_';

export interface NewApiKey {
  key: string;
  prefix: string;
  keyHash: string;
}

export function generateApiKey(): NewApiKey {
  const key = `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { key, prefix: key.slice(0, 12), keyHash: hashApiKey(key) };
}

export function hashApiKey(key: string): string {
  return sha256Hex(key);
}
