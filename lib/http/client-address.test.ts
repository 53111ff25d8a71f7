import { describe, expect, it } from 'vitest';
import { trustProxyPerTest } from '@/test/trust-proxy';
import { clientAddress } from './client-address';

const request = new Request('http://localhost/v1/auth/sign-in', {
  headers: { 'x-forwarded-for': '203.0.113.9, 198.51.100.4' },
});

const withTrustProxy = trustProxyPerTest();

describe('clientAddress', () => {
  it('ignores X-Forwarded-For unless a proxy is trusted: any client can write it', () => {
    withTrustProxy(undefined);
    expect(clientAddress(request)).toBe('unknown');
  });

  it('takes the address the trusted proxy appended', () => {
    withTrustProxy('true');
    expect(clientAddress(request)).toBe('198.51.100.4');
  });
});
