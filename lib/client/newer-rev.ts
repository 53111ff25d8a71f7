/**
 * The one rule for writing a review into the cache, wherever the copy comes from (a command's
 * answer, a re-read, a live change, a refetch): it replaces the cached copy only if its `rev` is
 * not lower. Revs only grow, but answers can arrive out of order, and an older one must never
 * overwrite a newer one. Equal revs are the same state, so either copy will do.
 */
export function isNotOlder(rev: number, than: number | undefined): boolean {
  return than === undefined || rev >= than;
}

/** Of the cached copy and an incoming one, the one the cache should hold. */
export function newerOf<T extends { rev: number }>(cached: T | undefined, incoming: T): T {
  return cached && !isNotOlder(incoming.rev, cached.rev) ? cached : incoming;
}
