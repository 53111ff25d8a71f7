/**
 * Passwords of people who sign in to the browser UI. Unlike API keys they are short and
 * guessable, so they get a slow, memory-hard hash: argon2id with OWASP's minimum parameters
 * (19 MiB, 2 passes, 1 lane), about 25 ms per hash on one core.
 */
import { type Algorithm, hash, verify } from '@node-rs/argon2';

// The package declares `Algorithm` as an ambient const enum, which isolatedModules cannot
// inline, and its runtime object is empty; 2 is its Argon2id member.
const ARGON2ID = 2 as Algorithm;

const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** A PHC string (`$argon2id$v=19$m=…`) that carries its own salt and parameters. */
export function hashPassword(plain: string): Promise<string> {
  return hash(plain, OPTIONS);
}

/**
 * Whether `plain` matches `hash`. The comparison inside argon2 is constant-time; a hash that
 * cannot be parsed (a corrupt row, another scheme) is a mismatch, never an exception.
 */
export async function verifyPassword(passwordHash: string, plain: string): Promise<boolean> {
  try {
    return await verify(passwordHash, plain);
  } catch {
    return false;
  }
}
