/**
 * Next.js calls `register` once when a server process starts: every app instance runs its own
 * webhook dispatcher, with nothing extra to deploy, connects the publisher of its review changes
 * before it serves a write (lib/db/notifier.ts says why that matters), listens for credential
 * changes so that it may remember callers (lib/auth/caller-cache.ts), and puts the API's edge in
 * front of Next.js (lib/http/server-edge.ts).
 */
export async function register(): Promise<void> {
  // Read straight from process.env, not lib/env.ts: Next.js replaces this at build time, so the
  // edge bundle drops the Node-only import below.
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { startPublisher } = await import('./lib/db/notifier');
    void startPublisher();
    const { startCallerCache } = await import('./lib/auth/credential-changes');
    void startCallerCache();
    const { startDispatcherOnce } = await import('./lib/webhooks/start-dispatcher');
    startDispatcherOnce();
    const { installServerEdge } = await import('./lib/http/server-edge');
    installServerEdge();
  }
}
