import { ZSignInBody } from '@/lib/auth/schemas';
import { sessionCookie } from '@/lib/auth/sessions';
import { signIn } from '@/lib/auth/sign-in';
import { AppError } from '@/lib/errors';
import { sameOrigin } from '@/lib/http/cookies';
import { apiRoute } from '@/lib/http/api-route';
import { clientAddress } from '@/lib/http/client-address';

export const POST = apiRoute({ action: 'public', body: ZSignInBody }, async ({ request, body }) => {
  // A cross-site form could otherwise sign a victim in to the attacker's account.
  if (!sameOrigin(request)) throw new AppError('forbidden', 'cross-site request refused');
  const now = new Date();
  const session = await signIn({ email: body.email, password: body.password, ip: clientAddress(request), now });
  return { body: { signed_in: true, expires_at: session.expiresAt.toISOString() }, headers: { 'set-cookie': sessionCookie(session, now) } };
});
