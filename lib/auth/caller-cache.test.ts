import { describe, expect, it } from 'vitest';
import type { Caller } from './authorization';
import { CallerCache, type FoundCaller } from './caller-cache';

const ALICE: Caller = {
  pk: '00000000-0000-0000-0000-000000000001',
  organizationId: '00000000-0000-0000-0000-0000000000aa',
  kind: 'human',
  id: 'act_alice',
  display_name: 'Alice',
  role: 'reviewer',
};

const at = (seconds: number) => new Date(Date.UTC(2026, 10, 30, 12, 0, seconds));

/** A loader that counts its calls and answers what `answer` holds at the time. */
function loader(answer: { found: FoundCaller | null }) {
  const counted = {
    calls: 0,
    load: async () => {
      counted.calls += 1;
      return answer.found;
    },
  };
  return counted;
}

function listeningCache(ttlSeconds = 30): CallerCache {
  const cache = new CallerCache(ttlSeconds * 1000);
  cache.setListening(true);
  return cache;
}

describe('the caller cache', () => {
  it('answers a credential seen a moment ago without asking the database again', async () => {
    const cache = listeningCache();
    const db = loader({ found: { caller: ALICE, expiresAt: null } });
    expect(await cache.lookup('key a', at(0), db.load)).toEqual(ALICE);
    expect(await cache.lookup('key a', at(29), db.load)).toEqual(ALICE);
    expect(db.calls).toBe(1);
  });

  it('asks again once the entry is older than its time to live', async () => {
    const cache = listeningCache(30);
    const answer = { found: { caller: ALICE, expiresAt: null } as FoundCaller | null };
    const db = loader(answer);
    await cache.lookup('key a', at(0), db.load);
    answer.found = { caller: { ...ALICE, role: 'lead' }, expiresAt: null };
    expect((await cache.lookup('key a', at(30), db.load))?.role).toBe('lead');
    expect(db.calls).toBe(2);
  });

  it('never keeps a session past its expiry', async () => {
    const cache = listeningCache(30);
    const answer = { found: { caller: ALICE, expiresAt: at(10) } as FoundCaller | null };
    const db = loader(answer);
    await cache.lookup('session s', at(0), db.load);
    answer.found = null;
    expect(await cache.lookup('session s', at(9), db.load)).toEqual(ALICE);
    expect(await cache.lookup('session s', at(10), db.load)).toBeNull();
  });

  it('forgets everything when a change is heard', async () => {
    const cache = listeningCache();
    const answer = { found: { caller: ALICE, expiresAt: null } as FoundCaller | null };
    const db = loader(answer);
    await cache.lookup('key a', at(0), db.load);
    answer.found = null;
    cache.forgetAll();
    expect(await cache.lookup('key a', at(1), db.load)).toBeNull();
    expect(cache.size).toBe(0);
  });

  it('does not keep what a lookup read while a change was being heard', async () => {
    const cache = listeningCache();
    let release!: () => void;
    const slow = async (): Promise<FoundCaller> => {
      await new Promise<void>((resolve) => {
        release = resolve;
      });
      return { caller: ALICE, expiresAt: null };
    };
    const inFlight = cache.lookup('key a', at(0), slow);
    // The revocation commits and is heard while the lookup's read is under way.
    cache.forgetAll();
    release();
    expect(await inFlight).toEqual(ALICE);
    const db = loader({ found: null });
    expect(await cache.lookup('key a', at(1), db.load)).toBeNull();
    expect(db.calls).toBe(1);
  });

  it('remembers nothing while it does not hear changes, and forgets when it stops hearing them', async () => {
    const cache = new CallerCache(30_000);
    const db = loader({ found: { caller: ALICE, expiresAt: null } });
    await cache.lookup('key a', at(0), db.load);
    await cache.lookup('key a', at(1), db.load);
    expect(db.calls).toBe(2);

    cache.setListening(true);
    await cache.lookup('key a', at(2), db.load);
    await cache.lookup('key a', at(3), db.load);
    expect(db.calls).toBe(3);

    cache.setListening(false);
    await cache.lookup('key a', at(4), db.load);
    expect(db.calls).toBe(4);
    expect(cache.size).toBe(0);
  });

  it('never remembers an unknown credential, nor anything with a time to live of 0', async () => {
    const cache = listeningCache();
    const unknown = loader({ found: null });
    await cache.lookup('key x', at(0), unknown.load);
    await cache.lookup('key x', at(1), unknown.load);
    expect(unknown.calls).toBe(2);

    const off = listeningCache(0);
    const db = loader({ found: { caller: ALICE, expiresAt: null } });
    await off.lookup('key a', at(0), db.load);
    await off.lookup('key a', at(0), db.load);
    expect(db.calls).toBe(2);
  });
});
