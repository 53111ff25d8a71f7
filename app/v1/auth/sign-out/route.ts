import { endBrowserSession } from '@/lib/auth/browser-session';
import { signOutRoute } from '@/lib/auth/routes';
import { handle } from '@/lib/http/api-route';

export const POST = handle(signOutRoute, endBrowserSession);
