/**
 * Sign-in and sign-out as the browser does them: a session cookie, set or cleared. Both refuse a
 * request from another origin: a cross-site form could otherwise sign a victim in to the
 * attacker's account, or out of their own.
 */
import { clientAddress } from '../http/client-address';
import { refuseCrossSite, sessionTokenFrom } from '../http/cookies';
import { SESSION_COOKIE } from './credentials';
import type { SignInBody } from './schemas';
import { clearedSessionCookie, revokeSession, sessionCookie } from './sessions';
import { signIn } from './sign-in';

export interface StartedSession {
  /** The `Set-Cookie` value. */
  cookie: string;
  expiresAt: Date;
}

export async function startBrowserSession(body: SignInBody, request: Request): Promise<StartedSession> {
  refuseCrossSite(request);
  const now = new Date();
  const session = await signIn({ email: body.email, password: body.password, ip: clientAddress(request), now });
  return { cookie: sessionCookie(session, now), expiresAt: session.expiresAt };
}

/** The `Set-Cookie` value that clears the session cookie. */
export async function endBrowserSession(request: Request): Promise<string> {
  refuseCrossSite(request);
  const token = sessionTokenFrom(request.headers.get('cookie'), SESSION_COOKIE);
  if (token) await revokeSession(token, new Date());
  return clearedSessionCookie();
}
