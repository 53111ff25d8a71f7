import { afterEach } from 'vitest';
import { reloadEnv } from '@/lib/env';

/** Sets TRUST_PROXY (unset for undefined) for the test, and puts the original back after each one. */
export function trustProxyPerTest(): (value: string | undefined) => void {
  const original = process.env.TRUST_PROXY;
  const set = (value: string | undefined) => {
    if (value === undefined) delete process.env.TRUST_PROXY;
    else process.env.TRUST_PROXY = value;
    reloadEnv();
  };
  afterEach(() => set(original));
  return set;
}
