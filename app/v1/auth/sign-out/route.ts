import { SESSION_COOKIE } from '@/lib/auth/credentials';
import { clearedSessionCookie, revokeSession } from '@/lib/auth/sessions';
import { AppError } from '@/lib/errors';
import { apiRoute } from '@/lib/http/api-route';
import { sameOrigin, sessionTokenFrom } from '@/lib/http/cookies';

export const POST = apiRoute({ action: 'public' }, async ({ request }) => {
  if (!sameOrigin(request)) throw new AppError('forbidden', 'cross-site request refused');
  const token = sessionTokenFrom(request.headers.get('cookie'), SESSION_COOKIE);
  if (token) await revokeSession(token, new Date());
  return { body: { signed_in: false }, headers: { 'set-cookie': clearedSessionCookie() } };
});
