/**
 * Where to go after signing in: a path on this site only. `//evil.example` and `/\evil.example`
 * are read by browsers as other hosts, so they fall back to the inbox like any other oddity.
 */
export function safeNext(value: string | string[] | undefined): string {
  const next = Array.isArray(value) ? value[0] : value;
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  if (next === '/sign-in' || next.startsWith('/sign-in?') || next.startsWith('/v1/')) return '/';
  return next;
}
