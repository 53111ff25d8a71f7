/**
 * The client's address as the nearest proxy reports it. Next.js route handlers do not expose the
 * socket, so without a proxy header this is `unknown`, and per-address limits do not apply.
 */
export function clientAddress(request: Request): string {
  const forwarded = request.headers.get('x-forwarded-for')?.split(',')[0]?.trim();
  return forwarded || request.headers.get('x-real-ip')?.trim() || 'unknown';
}
