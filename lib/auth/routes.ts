/** The browser's session routes, and who is calling. */

import { INVITE_DAYS } from '../admin/invites';
import { ZAcceptInviteBody } from '../admin/schemas';
import type { ErrorCode } from '../errors';
import { defineRoute } from '../http/define-route';
import type { StartedSession } from './browser-session';
import { SESSION_COOKIE } from './credentials';
import { ZMe, ZSignInBody, ZSignInResult, ZSignOutResult } from './schemas';
import { SESSION_SECONDS } from './sessions';
import { MAX_FAILURES_PER_EMAIL, MAX_FAILURES_PER_IP, SIGN_IN_WINDOW_MS } from './sign-in';

const SESSION_ROUTE_ERRORS: ErrorCode[] = ['forbidden', 'unavailable'];

function signedIn({ cookie, expiresAt }: StartedSession) {
  return { body: { signed_in: true, expires_at: expiresAt.toISOString() }, headers: { 'set-cookie': cookie } };
}
const WINDOW_MINUTES = SIGN_IN_WINDOW_MS / 60_000;
const SESSION_DAYS = SESSION_SECONDS / 86_400;

export const signInRoute = defineRoute({
  name: 'signIn',
  method: 'POST',
  path: '/v1/auth/sign-in',
  tag: 'Authentication',
  action: 'public',
  summary: 'Sign in with email and password',
  description: `For the browser UI. Checks a person's email (in any case) and password and sets the \`${SESSION_COOKIE}\` session cookie (\`HttpOnly\`, \`SameSite=Lax\`, \`Path=/\`, and \`Secure\` in production), valid for ${SESSION_DAYS} days unless signed out. Only people can sign in (\`human\` actors with a reviewer, lead or admin role); agents, models and integrations use API keys.

- A wrong password and an unknown email are the same \`401 unauthenticated\`, with the same message.
- After ${MAX_FAILURES_PER_EMAIL} failures for one email within ${WINDOW_MINUTES} minutes, or ${MAX_FAILURES_PER_IP} from one client address (the first \`X-Forwarded-For\` entry, else \`X-Real-IP\`), every sign-in for that email or from that address is \`429 rate_limited\`, even with the right password, until the oldest of those failures is ${WINDOW_MINUTES} minutes old; \`Retry-After\` says when.
- The request must come from a page of this origin (its \`Origin\` names this host), else \`403 forbidden\`: a cross-site form must not sign a visitor in to someone else's account.`,
  body: ZSignInBody,
  bodyExample: { email: 'ada@example.com', password: 'correct horse battery staple' },
  response: ZSignInResult,
  success: [{ status: 200, description: 'Signed in: the session cookie is set.', headers: ['SetCookie'] }],
  errors: ['unauthenticated', 'rate_limited', ...SESSION_ROUTE_ERRORS],
  passRequest: true,
  reply: signedIn,
});

export const signOutRoute = defineRoute({
  name: 'signOut',
  method: 'POST',
  path: '/v1/auth/sign-out',
  tag: 'Authentication',
  action: 'public',
  summary: 'Sign out',
  description: `Revokes the session of the \`${SESSION_COOKIE}\` cookie, if the request carries one, and clears the cookie: the old cookie is \`401\` from then on. Answers \`200\` with or without a session. Like sign-in, it must come from a page of this origin (\`403\`).`,
  response: ZSignOutResult,
  success: [{ status: 200, description: 'Signed out: the cookie is cleared.', headers: ['SetCookie'] }],
  errors: SESSION_ROUTE_ERRORS,
  passRequest: true,
  reply: (cookie: string) => ({ body: { signed_in: false }, headers: { 'set-cookie': cookie } }),
});

export const getMeRoute = defineRoute({
  name: 'getMe',
  method: 'GET',
  path: '/v1/auth/me',
  tag: 'Authentication',
  action: 'read',
  summary: 'Who is calling',
  description:
    'The actor behind the credential (session cookie or API key), its role and its organization. The UI asks it whether its session is still open.',
  response: ZMe,
  success: [{ status: 200, description: 'The calling actor.' }],
  errors: [],
});

export const acceptInviteRoute = defineRoute({
  name: 'acceptInvite',
  method: 'POST',
  path: '/v1/auth/accept-invite',
  tag: 'Authentication',
  action: 'public',
  summary: 'Accept an invitation: set a password and sign in',
  description: `An extension to the contract, for the page an \`invite_url\` opens (\`/invite/<token>\`). Sets the invited person's password and signs them in, as sign-in does (the \`${SESSION_COOKIE}\` cookie). A link works once and for ${INVITE_DAYS} days: a used, expired or unknown token, or one for a person disabled since, is \`404 not_found\`. Like sign-in, it must come from a page of this origin (\`403\`).`,
  body: ZAcceptInviteBody,
  bodyExample: { token: 'kq3…', password: 'correct horse battery staple' },
  response: ZSignInResult,
  success: [{ status: 200, description: 'The password is set and the session cookie too.', headers: ['SetCookie'] }],
  errors: ['not_found', ...SESSION_ROUTE_ERRORS],
  passRequest: true,
  reply: signedIn,
});

export const AUTH_ROUTES = [signInRoute, signOutRoute, getMeRoute, acceptInviteRoute];
