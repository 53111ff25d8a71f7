/** The dispatcher of this server process, started at most once, unless DISPATCHER=off. */
import { env } from '../env';
import { Dispatcher } from './dispatcher';

// Kept across Next.js dev reloads, like the Prisma client: one dispatcher per process.
const cache = globalThis as typeof globalThis & { reviewInboxDispatcher?: Dispatcher };

export function startDispatcherOnce(): void {
  // `next build` starts server workers to prerender pages; only a serving process delivers.
  if (cache.reviewInboxDispatcher || env.NEXT_PHASE === 'phase-production-build') return;
  if (env.DISPATCHER === 'off') {
    console.log('DISPATCHER=off: this instance sends no webhooks; the other instances do.');
    return;
  }
  if (!env.DATABASE_URL) return;
  cache.reviewInboxDispatcher = new Dispatcher();
  cache.reviewInboxDispatcher.start();
}
