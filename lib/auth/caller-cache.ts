/**
 * Who is behind a credential, remembered by a serving process for a few seconds: a client making
 * requests one after another would otherwise pay a round trip to PostgreSQL on each, only to
 * learn what the one before it learned (issue #9: a third of a 409's work).
 *
 * Remembering must never let a credential outlive its revocation. Every change that can end or
 * alter an answer (a key or session revoked, a person disabled, a role changed…) notifies the
 * `credential_changes` channel, and every instance then forgets everything; a change made through
 * the API is answered only once every instance has (credential-changes.ts). Beyond that:
 * - it remembers only while its LISTEN is in force; when the connection drops, it forgets and
 *   asks the database every time until it listens again;
 * - a lookup that was under way when a change arrived is not remembered (the generation check),
 *   since it may have read the credential from before the change;
 * - an answer is kept CALLER_CACHE_SECONDS at most, and never past its session's expiry, so a
 *   credential's last use is still written about once a minute (credentials.ts).
 */
import { env } from '../env';
import type { Caller } from './authorization';

/** A caller as the database found it, and until when that credential is valid at the latest. */
export interface FoundCaller {
  caller: Caller;
  expiresAt: Date | null;
}

interface Entry {
  caller: Caller;
  /** Epoch milliseconds after which the entry is read from the database again. */
  until: number;
}

export class CallerCache {
  private readonly entries = new Map<string, Entry>();
  /** Moves on every change heard: a lookup started under an older generation is not kept. */
  private generation = 0;
  private listening = false;

  constructor(private readonly ttlMs: number) {}

  /** The caller behind `credential` at `now`: remembered, or loaded and remembered if it may be. */
  async lookup(credential: string, now: Date, load: () => Promise<FoundCaller | null>): Promise<Caller | null> {
    const entry = this.listening ? this.entries.get(credential) : undefined;
    if (entry && now.getTime() < entry.until) return entry.caller;
    const generation = this.generation;
    const found = await load();
    if (!found) {
      this.entries.delete(credential);
      return null;
    }
    if (this.listening && generation === this.generation && this.ttlMs > 0) {
      const until = Math.min(now.getTime() + this.ttlMs, found.expiresAt?.getTime() ?? Number.POSITIVE_INFINITY);
      this.entries.set(credential, { caller: found.caller, until });
    }
    return found.caller;
  }

  /** Something changed: nothing remembered until now may be used again. */
  forgetAll(): void {
    this.generation += 1;
    this.entries.clear();
  }

  /** Whether changes are heard now; remembering is only safe then. */
  setListening(listening: boolean): void {
    this.forgetAll();
    this.listening = listening;
  }

  get size(): number {
    return this.entries.size;
  }
}

// One cache per process, kept across Next.js dev reloads like the Prisma client.
const holder = globalThis as typeof globalThis & { reviewInboxCallerCache?: CallerCache };
holder.reviewInboxCallerCache ??= new CallerCache(env.CALLER_CACHE_SECONDS * 1000);
export const callerCache: CallerCache = holder.reviewInboxCallerCache;
