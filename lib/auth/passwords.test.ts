import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './passwords';

describe('hashPassword', () => {
  it('produces an argon2id PHC string with the chosen parameters', async () => {
    const hashed = await hashPassword('correct horse battery staple');
    expect(hashed).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/);
  });

  it('salts every hash, so one password never hashes the same twice', async () => {
    const [a, b] = await Promise.all([hashPassword('same'), hashPassword('same')]);
    expect(a).not.toBe(b);
  });

  it('never contains the password itself', async () => {
    expect(await hashPassword('review-inbox-demo')).not.toContain('review-inbox-demo');
  });
});

describe('verifyPassword', () => {
  it('accepts the password the hash was made from', async () => {
    const hashed = await hashPassword('review-inbox-demo');
    expect(await verifyPassword(hashed, 'review-inbox-demo')).toBe(true);
  });

  it('refuses any other password, including near misses', async () => {
    const hashed = await hashPassword('review-inbox-demo');
    for (const wrong of ['review-inbox-demO', 'review-inbox-demo ', '', 'x']) {
      expect(await verifyPassword(hashed, wrong)).toBe(false);
    }
  });

  it('handles non-ASCII passwords', async () => {
    const hashed = await hashPassword('pässwörd-ü-🔑');
    expect(await verifyPassword(hashed, 'pässwörd-ü-🔑')).toBe(true);
    expect(await verifyPassword(hashed, 'passwort-u-🔑')).toBe(false);
  });

  it('answers false, not an exception, for a malformed hash', async () => {
    const hashed = await hashPassword('secret');
    for (const malformed of [
      '',
      'garbage',
      '$argon2id$v=19$m=19456',
      hashed.slice(0, -10),
      '$2b$10$abcdefghijklmnopqrstuv',
    ]) {
      await expect(verifyPassword(malformed, 'secret')).resolves.toBe(false);
    }
  });
});
