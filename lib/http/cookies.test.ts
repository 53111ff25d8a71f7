import { describe, expect, it } from 'vitest';
import { trustProxyPerTest } from '@/test/trust-proxy';
import { sameOrigin, sessionTokenFrom } from './cookies';

const withTrustProxy = trustProxyPerTest();

function post(headers: Record<string, string>): Request {
  return new Request('http://app.example/v1/auth/sign-out', { method: 'POST', headers });
}

describe('sessionTokenFrom', () => {
  it('keeps a value that is not valid percent-encoding as sent instead of throwing', () => {
    expect(sessionTokenFrom('ri_session=%E0%A4%A', 'ri_session')).toBe('%E0%A4%A');
    expect(sessionTokenFrom('other=1; ri_session=a%2Bb', 'ri_session')).toBe('a+b');
  });
});

describe('sameOrigin', () => {
  it('ignores X-Forwarded-Host unless a proxy is trusted: any client can write it', () => {
    withTrustProxy(undefined);
    const forged = { host: 'app.example', origin: 'https://evil.example', 'x-forwarded-host': 'evil.example' };
    expect(sameOrigin(post(forged))).toBe(false);
    expect(
      sameOrigin(post({ host: 'app.example', origin: 'https://app.example', 'x-forwarded-host': 'evil.example' })),
    ).toBe(true);
  });

  it('behind a trusted proxy, compares with the host and scheme the proxy saw', () => {
    withTrustProxy('true');
    const proxied = { host: '10.0.0.5:3000', 'x-forwarded-host': 'inbox.example', 'x-forwarded-proto': 'https' };
    expect(sameOrigin(post({ ...proxied, origin: 'https://inbox.example' }))).toBe(true);
    expect(sameOrigin(post({ ...proxied, origin: 'http://inbox.example' }))).toBe(false);
    expect(sameOrigin(post({ ...proxied, origin: 'https://10.0.0.5:3000' }))).toBe(false);
  });
});
