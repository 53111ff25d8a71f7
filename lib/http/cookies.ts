/** Cookie parsing and the same-origin check that protects cookie-authenticated mutations. */
import { env } from '../env';
import { AppError } from '../errors';

/**
 * The value of cookie `name`. A value that is not valid percent-encoding is kept as sent: it names
 * no session, so the caller is unauthenticated (401) rather than the parser failing (500).
 */
export function sessionTokenFrom(cookieHeader: string | null, name: string): string | null {
  if (!cookieHeader) return null;
  for (const part of cookieHeader.split(';')) {
    const [rawName, ...rest] = part.trim().split('=');
    if (rawName === name) {
      const value = rest.join('=');
      return value ? decodeOrKeep(value) : null;
    }
  }
  return null;
}

function decodeOrKeep(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** The last value of a header a proxy may have appended to: the one our own proxy wrote. */
function nearestProxyValue(request: Request, header: string): string | null {
  return request.headers.get(header)?.split(',').at(-1)?.trim() || null;
}

/**
 * Browsers send Origin on every cross-site POST, so a mutation whose Origin is missing or names
 * another host than the one it was sent to did not come from our own pages. Any client can write
 * X-Forwarded-Host and X-Forwarded-Proto, so they are believed only behind a trusted proxy.
 */
export function sameOrigin(request: Request): boolean {
  const origin = request.headers.get('origin');
  if (!origin) return false;
  const forwardedHost = env.TRUST_PROXY ? nearestProxyValue(request, 'x-forwarded-host') : null;
  const forwardedProto = env.TRUST_PROXY ? nearestProxyValue(request, 'x-forwarded-proto') : null;
  const host = forwardedHost ?? request.headers.get('host');
  try {
    const sent = new URL(origin);
    return host !== null && sent.host === host && (forwardedProto === null || sent.protocol === `${forwardedProto}:`);
  } catch {
    return false;
  }
}

/** For the session routes, which must come from our own pages whatever the credential. */
export function refuseCrossSite(request: Request): void {
  if (!sameOrigin(request)) throw new AppError('forbidden', 'cross-site request refused');
}

/**
 * The origin the client addressed (`https://reviews.example.com`), for links the app hands out:
 * behind a trusted proxy, the host and scheme the proxy saw.
 */
export function requestOrigin(request: Request): string {
  const url = new URL(request.url);
  const host = (env.TRUST_PROXY ? nearestProxyValue(request, 'x-forwarded-host') : null) ?? request.headers.get('host');
  const proto = (env.TRUST_PROXY ? nearestProxyValue(request, 'x-forwarded-proto') : null) ?? url.protocol.slice(0, -1);
  return `${proto}://${host ?? url.host}`;
}
