import { env } from '../env';

/**
 * The client's address as a trusted reverse proxy reports it. Next.js route handlers do not
 * expose the socket, and any client can write X-Forwarded-For itself, so without TRUST_PROXY this
 * is `unknown` and per-address limits do not apply (per-account limits still do).
 */
export function clientAddress(request: Request): string {
  if (!env.TRUST_PROXY) return 'unknown';
  const forwarded = request.headers.get('x-forwarded-for')?.split(',').at(-1)?.trim();
  return forwarded || request.headers.get('x-real-ip')?.trim() || 'unknown';
}
